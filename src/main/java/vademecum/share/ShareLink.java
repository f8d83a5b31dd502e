package vademecum.share;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A share link as its workspace's sharers see it, with what is known of its use.
 *
 * @param pinnedRevisionNumber the revision shown for ever, or null when the link follows the
 *     published one
 * @param procedureKeys the procedures shown; empty for the whole manual
 * @param manualTitles the titles of every manual it shows, in order: one, or several
 */
public record ShareLink(
    long id,
    long manualId,
    String manualSlug,
    String manualTitle,
    List<String> manualTitles,
    String label,
    Integer pinnedRevisionNumber,
    List<String> procedureKeys,
    String createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime expiresAt,
    OffsetDateTime revokedAt,
    OffsetDateTime readConfirmedAt,
    int openings,
    OffsetDateTime firstOpenedAt,
    OffsetDateTime lastOpenedAt) {

  public enum Status {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  public Status status(OffsetDateTime now) {
    if (revokedAt != null) {
      return Status.REVOKED;
    }
    return expiresAt.isAfter(now) ? Status.ACTIVE : Status.EXPIRED;
  }
}
