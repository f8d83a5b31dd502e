package vademecum.account;

import static vademecum.db.schema.Tables.PASSWORD_RESET;
import static vademecum.db.schema.Tables.PASSWORD_RESET_REQUEST;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** Password reset links, by the SHA-256 of their secret, and the requests for them. */
public final class PasswordResetRepository {
  public void insert(
      DSLContext db, long accountId, Long createdBy, String tokenHash, OffsetDateTime expiresAt) {
    db.insertInto(PASSWORD_RESET)
        .set(PASSWORD_RESET.TOKEN_HASH, tokenHash)
        .set(PASSWORD_RESET.ACCOUNT_ID, accountId)
        .set(PASSWORD_RESET.CREATED_BY, createdBy)
        .set(PASSWORD_RESET.EXPIRES_AT, expiresAt)
        .execute();
  }

  /** The account a link resets, if it is unused and unexpired; locks it until the commit. */
  public Optional<Long> usableAccountForUpdate(DSLContext db, String tokenHash) {
    return db.select(PASSWORD_RESET.ACCOUNT_ID)
        .from(PASSWORD_RESET)
        .where(PASSWORD_RESET.TOKEN_HASH.eq(tokenHash))
        .and(PASSWORD_RESET.USED_AT.isNull())
        .and(PASSWORD_RESET.EXPIRES_AT.gt(OffsetDateTime.now()))
        .forUpdate()
        .fetchOptional(PASSWORD_RESET.ACCOUNT_ID);
  }

  public boolean usable(DSLContext db, String tokenHash) {
    return db.fetchExists(
        PASSWORD_RESET,
        PASSWORD_RESET
            .TOKEN_HASH
            .eq(tokenHash)
            .and(PASSWORD_RESET.USED_AT.isNull())
            .and(PASSWORD_RESET.EXPIRES_AT.gt(OffsetDateTime.now())));
  }

  /** Uses up every link of the account: the one used, and any other still around. */
  public void useAll(DSLContext db, long accountId) {
    db.update(PASSWORD_RESET)
        .set(PASSWORD_RESET.USED_AT, OffsetDateTime.now())
        .where(PASSWORD_RESET.ACCOUNT_ID.eq(accountId))
        .and(PASSWORD_RESET.USED_AT.isNull())
        .execute();
  }

  /** How many links were sent by e-mail to the account since {@code since}. */
  public int mailedSince(DSLContext db, long accountId, OffsetDateTime since) {
    return db.fetchCount(
        PASSWORD_RESET,
        PASSWORD_RESET
            .ACCOUNT_ID
            .eq(accountId)
            .and(PASSWORD_RESET.CREATED_BY.isNull())
            .and(PASSWORD_RESET.CREATED_AT.gt(since)));
  }

  /** Records a request from {@code client} and answers how many it made since {@code since}. */
  public int recordRequest(DSLContext db, String client, OffsetDateTime since) {
    db.deleteFrom(PASSWORD_RESET_REQUEST)
        .where(PASSWORD_RESET_REQUEST.AT.lt(OffsetDateTime.now().minusDays(1)))
        .execute();
    db.insertInto(PASSWORD_RESET_REQUEST).set(PASSWORD_RESET_REQUEST.CLIENT, client).execute();
    return db.fetchCount(
        PASSWORD_RESET_REQUEST,
        PASSWORD_RESET_REQUEST.CLIENT.eq(client).and(PASSWORD_RESET_REQUEST.AT.gt(since)));
  }
}
