package vademecum.workspace;

import java.time.OffsetDateTime;
import vademecum.kernel.Role;

/** An invitation to join a workspace with a role; usable once, until it expires. */
public record Invitation(
    long id,
    long workspaceId,
    String workspaceSlug,
    String workspaceName,
    String email,
    Role role,
    OffsetDateTime expiresAt,
    OffsetDateTime acceptedAt,
    OffsetDateTime revokedAt) {

  public boolean pending() {
    return acceptedAt == null && revokedAt == null && OffsetDateTime.now().isBefore(expiresAt);
  }
}
