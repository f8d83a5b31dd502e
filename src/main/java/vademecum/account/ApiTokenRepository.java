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
   * The account of a live token. Last use is written at most once a minute, so that API calls do
   * not each cost a write.
   */
  /**
   * The enabled account behind a live token, read with the token in one query (API requests are the
   * hot path); last use is written at most once a minute.
   */
  public Optional<Account> use(String tokenHash) {
    var row =
        db.select(
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
                    .eq(tokenHash)
                    .and(API_TOKEN.REVOKED_AT.isNull())
                    .and(ACCOUNT.DISABLED.isFalse()))
            .fetchOptional();
    row.filter(r -> r.value7() == null || r.value7().isBefore(OffsetDateTime.now().minusMinutes(1)))
        .ifPresent(
            r ->
                db.update(API_TOKEN)
                    .set(API_TOKEN.LAST_USED_AT, OffsetDateTime.now())
                    .where(API_TOKEN.TOKEN_HASH.eq(tokenHash))
                    .execute());
    return row.map(
        r -> new Account(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }
}
