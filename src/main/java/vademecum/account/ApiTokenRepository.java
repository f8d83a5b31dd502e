package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.API_TOKEN;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;

public final class ApiTokenRepository {
  private final DSLContext db;

  public ApiTokenRepository(DSLContext db) {
    this.db = db;
  }

  public void insert(DSLContext tx, long accountId, String name, String tokenHash) {
    tx.insertInto(API_TOKEN)
        .set(API_TOKEN.ACCOUNT_ID, accountId)
        .set(API_TOKEN.NAME, name)
        .set(API_TOKEN.TOKEN_HASH, tokenHash)
        .execute();
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

  public int revoke(long accountId, long tokenId) {
    return db.update(API_TOKEN)
        .set(API_TOKEN.REVOKED_AT, OffsetDateTime.now())
        .where(API_TOKEN.ID.eq(tokenId))
        .and(API_TOKEN.ACCOUNT_ID.eq(accountId))
        .and(API_TOKEN.REVOKED_AT.isNull())
        .execute();
  }

  /**
   * The enabled account behind a live token, read with the token in one query (API requests are the
   * hot path, so the query is rendered once); last use is written at most once a minute.
   */
  public Optional<Account> use(String tokenHash) {
    Optional<TokenUse> found = USE.one(db, java.util.Map.of("hash", tokenHash));
    found
        .filter(
            t ->
                t.lastUsed() == null || t.lastUsed().isBefore(OffsetDateTime.now().minusMinutes(1)))
        .ifPresent(
            t ->
                db.update(API_TOKEN)
                    .set(API_TOKEN.LAST_USED_AT, OffsetDateTime.now())
                    .where(API_TOKEN.TOKEN_HASH.eq(tokenHash))
                    .execute());
    return found.map(TokenUse::account);
  }

  private record TokenUse(Account account, OffsetDateTime lastUsed) {}

  private static final vademecum.db.Prepared<TokenUse> USE =
      vademecum.db.Prepared.of(
          org.jooq
              .impl
              .DSL
              .select(
                  ACCOUNT.ID,
                  ACCOUNT.EMAIL,
                  ACCOUNT.DISPLAY_NAME,
                  ACCOUNT.LANGUAGE,
                  ACCOUNT.IS_ADMIN,
                  ACCOUNT.DISABLED,
                  API_TOKEN.LAST_USED_AT)
              .from(API_TOKEN)
              .join(ACCOUNT)
              .on(ACCOUNT.ID.eq(API_TOKEN.ACCOUNT_ID))
              .where(
                  API_TOKEN
                      .TOKEN_HASH
                      .eq(org.jooq.impl.DSL.param("hash", String.class))
                      .and(API_TOKEN.REVOKED_AT.isNull())
                      .and(ACCOUNT.DISABLED.isFalse())),
          r ->
              new TokenUse(
                  new Account(
                      r.get(ACCOUNT.ID),
                      r.get(ACCOUNT.EMAIL),
                      r.get(ACCOUNT.DISPLAY_NAME),
                      r.get(ACCOUNT.LANGUAGE),
                      r.get(ACCOUNT.IS_ADMIN),
                      r.get(ACCOUNT.DISABLED)),
                  r.get(API_TOKEN.LAST_USED_AT)));
}
