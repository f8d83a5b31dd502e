package vademecum.kernel;

import java.time.OffsetDateTime;

/** A signed-in browser, as stored (the id itself is never stored, only its hash). */
public record Session(
    String idHash,
    long accountId,
    String csrfToken,
    OffsetDateTime createdAt,
    OffsetDateTime lastSeenAt,
    OffsetDateTime expiresAt) {}
