package vademecum.account;

import java.time.OffsetDateTime;

/** A personal API token as listed on the account page (the secret itself is never kept). */
public record ApiToken(
    long id,
    String name,
    OffsetDateTime createdAt,
    OffsetDateTime lastUsedAt,
    OffsetDateTime revokedAt) {

  public boolean active() {
    return revokedAt == null;
  }
}
