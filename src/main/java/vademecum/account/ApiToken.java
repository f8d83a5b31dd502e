package vademecum.account;

import java.time.OffsetDateTime;

/** A personal API token as listed on the account page (the secret itself is never kept). */
public record ApiToken(
    long id,
    String name,
    OffsetDateTime createdAt,
    OffsetDateTime lastUsedAt,
    OffsetDateTime expiresAt,
    OffsetDateTime revokedAt) {

  public boolean active() {
    return revokedAt == null && !expired();
  }

  public boolean expired() {
    return expiresAt.isBefore(OffsetDateTime.now());
  }
}
