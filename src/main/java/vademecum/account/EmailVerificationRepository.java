package vademecum.account;

import static vademecum.db.schema.Tables.EMAIL_VERIFICATION;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Links sent to confirm an address, by the SHA-256 of their secret. */
public final class EmailVerificationRepository {
  public void insert(DSLContext db, long accountId, String tokenHash, OffsetDateTime expiresAt) {
    db.insertInto(EMAIL_VERIFICATION)
        .set(EMAIL_VERIFICATION.TOKEN_HASH, tokenHash)
        .set(EMAIL_VERIFICATION.ACCOUNT_ID, accountId)
        .set(EMAIL_VERIFICATION.EXPIRES_AT, expiresAt)
        .execute();
  }

  /** The account a link confirms, if it is unused and unexpired; locks it until the commit. */
  public Optional<Long> usableAccountForUpdate(DSLContext db, String tokenHash) {
    return db.select(EMAIL_VERIFICATION.ACCOUNT_ID)
        .from(EMAIL_VERIFICATION)
        .where(EMAIL_VERIFICATION.TOKEN_HASH.eq(tokenHash))
        .and(EMAIL_VERIFICATION.USED_AT.isNull())
        .and(EMAIL_VERIFICATION.EXPIRES_AT.gt(OffsetDateTime.now()))
        .forUpdate()
        .fetchOptional(EMAIL_VERIFICATION.ACCOUNT_ID);
  }

  /** Whether a link is valid, without using it (the page that asks to confirm). */
  public boolean usable(DSLContext db, String tokenHash) {
    return db.fetchExists(
        EMAIL_VERIFICATION,
        EMAIL_VERIFICATION
            .TOKEN_HASH
            .eq(tokenHash)
            .and(EMAIL_VERIFICATION.USED_AT.isNull())
            .and(EMAIL_VERIFICATION.EXPIRES_AT.gt(OffsetDateTime.now())));
  }

  /** Uses up every link of the account: once its address is confirmed, none may set a password. */
  public void useAll(DSLContext db, long accountId) {
    db.update(EMAIL_VERIFICATION)
        .set(EMAIL_VERIFICATION.USED_AT, OffsetDateTime.now())
        .where(EMAIL_VERIFICATION.ACCOUNT_ID.eq(accountId))
        .and(EMAIL_VERIFICATION.USED_AT.isNull())
        .execute();
  }

  /** When the newest link for the account was made, to send at most one every few minutes. */
  public Optional<OffsetDateTime> newest(DSLContext db, long accountId) {
    return db.select(DSL.max(EMAIL_VERIFICATION.CREATED_AT))
        .from(EMAIL_VERIFICATION)
        .where(EMAIL_VERIFICATION.ACCOUNT_ID.eq(accountId))
        .fetchOptional(0, OffsetDateTime.class);
  }
}
