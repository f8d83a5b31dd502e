package vademecum.account;

import static vademecum.db.schema.Tables.PASSWORD_RESET;
import static vademecum.db.schema.Tables.PASSWORD_RESET_REQUEST;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import vademecum.kernel.Nullable;

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

  /** An unused, unexpired link: the account it resets, and who made it (null: mailed to it). */
  public record Link(long accountId, @Nullable Long createdBy) {}

  /** The link, if it is unused and unexpired; locks it until the commit. */
  public Optional<Link> usableForUpdate(DSLContext db, String tokenHash) {
    return db.select(PASSWORD_RESET.ACCOUNT_ID, PASSWORD_RESET.CREATED_BY)
        .from(PASSWORD_RESET)
        .where(usable(tokenHash))
        .forUpdate()
        .fetchOptional(Records.mapping(Link::new));
  }

  public Optional<Link> usable(DSLContext db, String tokenHash) {
    return db.select(PASSWORD_RESET.ACCOUNT_ID, PASSWORD_RESET.CREATED_BY)
        .from(PASSWORD_RESET)
        .where(usable(tokenHash))
        .fetchOptional(Records.mapping(Link::new));
  }

  private static Condition usable(String tokenHash) {
    return PASSWORD_RESET
        .TOKEN_HASH
        .eq(tokenHash)
        .and(PASSWORD_RESET.USED_AT.isNull())
        .and(PASSWORD_RESET.EXPIRES_AT.gt(OffsetDateTime.now()));
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
