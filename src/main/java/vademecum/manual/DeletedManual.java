package vademecum.manual;

import java.time.OffsetDateTime;

/** A deleted manual an administrator can still restore, until {@code restorableUntil}. */
public record DeletedManual(
    long id,
    String workspaceSlug,
    String workspaceName,
    String slug,
    String title,
    OffsetDateTime deletedAt,
    String deletedBy,
    OffsetDateTime restorableUntil) {}
