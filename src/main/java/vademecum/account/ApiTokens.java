package vademecum.account;

import static vademecum.db.schema.Tables.API_TOKEN;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import vademecum.audit.AuditLog;

/** Personal API tokens: shown once at creation, stored as a hash, revocable at once. */
public final class ApiTokens {
  /** Tokens carry a prefix so that a leaked one is recognisable in logs and secret scanners. */
  public static final String PREFIX = "vdm_";

  private final DSLContext db;
  private final AuditLog audit;

  public ApiTokens(DSLContext db, AuditLog audit) {
    this.db = db;
    this.audit = audit;
  }

  /** Returns the token text; this is the only time it exists outside the caller's hands. */
  public String create(long accountId, String name) {
    String token = PREFIX + Secrets.newToken();
    String label = name == null || name.isBlank() ? "API token" : name.strip();
    if (label.length() > 100) {
      label = label.substring(0, 100);
    }
    String finalLabel = label;
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          tx.insertInto(API_TOKEN)
              .set(API_TOKEN.ACCOUNT_ID, accountId)
              .set(API_TOKEN.NAME, finalLabel)
              .set(API_TOKEN.TOKEN_HASH, Secrets.hash(token))
              .execute();
          audit.record(tx, accountId, null, "token.create", finalLabel, "");
        });
    return token;
  }

  public List<ApiToken> list(long accountId) {
    return db.select(
            API_TOKEN.ID,
            API_TOKEN.NAME,
            API_TOKEN.CREATED_AT,
            API_TOKEN.LAST_USED_AT,
            API_TOKEN.REVOKED_AT)
        .from(API_TOKEN)
        .where(API_TOKEN.ACCOUNT_ID.eq(accountId))
        .orderBy(API_TOKEN.CREATED_AT.desc())
        .fetch(Records.mapping(ApiToken::new));
  }

  /** Only the owner of a token can revoke it; false when it is not theirs or already revoked. */
  public boolean revoke(long accountId, long tokenId) {
    int changed =
        db.update(API_TOKEN)
            .set(API_TOKEN.REVOKED_AT, OffsetDateTime.now())
            .where(API_TOKEN.ID.eq(tokenId))
            .and(API_TOKEN.ACCOUNT_ID.eq(accountId))
            .and(API_TOKEN.REVOKED_AT.isNull())
            .execute();
    if (changed > 0) {
      audit.record(db, accountId, null, "token.revoke", String.valueOf(tokenId), "");
    }
    return changed > 0;
  }

  /** The account behind a bearer token, if the token exists and is not revoked. */
  public Optional<Long> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    String hash = Secrets.hash(token);
    Optional<Long> account =
        db.select(API_TOKEN.ACCOUNT_ID)
            .from(API_TOKEN)
            .where(API_TOKEN.TOKEN_HASH.eq(hash).and(API_TOKEN.REVOKED_AT.isNull()))
            .fetchOptional(API_TOKEN.ACCOUNT_ID);
    account.ifPresent(
        id ->
            db.update(API_TOKEN)
                .set(API_TOKEN.LAST_USED_AT, OffsetDateTime.now())
                .where(API_TOKEN.TOKEN_HASH.eq(hash))
                .execute());
    return account;
  }
}
