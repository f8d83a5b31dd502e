package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.SESSION;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

public final class SessionRepository {
  private final DSLContext db;

  public SessionRepository(DSLContext db) {
    this.db = db;
  }

  public void insert(String idHash, long accountId, String csrfToken, OffsetDateTime expiresAt) {
    db.insertInto(SESSION)
        .set(SESSION.ID_HASH, idHash)
        .set(SESSION.ACCOUNT_ID, accountId)
        .set(SESSION.CSRF_TOKEN, csrfToken)
        .set(SESSION.EXPIRES_AT, expiresAt)
        .execute();
  }

  /** A session with its account, in one round trip (every signed-in request needs both). */
  public record SignedIn(Session session, Account account) {}

  public Optional<SignedIn> findSignedIn(String idHash) {
    return db.select(
            SESSION.ID_HASH,
            SESSION.ACCOUNT_ID,
            SESSION.CSRF_TOKEN,
            SESSION.CREATED_AT,
            SESSION.LAST_SEEN_AT,
            SESSION.EXPIRES_AT,
            ACCOUNT.EMAIL,
            ACCOUNT.DISPLAY_NAME,
            ACCOUNT.LANGUAGE,
            ACCOUNT.IS_ADMIN,
            ACCOUNT.DISABLED)
        .from(SESSION)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(SESSION.ACCOUNT_ID))
        .where(SESSION.ID_HASH.eq(idHash))
        .fetchOptional(
            r ->
                new SignedIn(
                    new Session(
                        r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()),
                    new Account(
                        r.value2(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11())));
  }

  public void touch(String idHash) {
    db.update(SESSION)
        .set(SESSION.LAST_SEEN_AT, OffsetDateTime.now())
        .where(SESSION.ID_HASH.eq(idHash))
        .execute();
  }

  public void delete(String idHash) {
    db.deleteFrom(SESSION).where(SESSION.ID_HASH.eq(idHash)).execute();
  }

  public void deleteForAccount(long accountId) {
    db.deleteFrom(SESSION).where(SESSION.ACCOUNT_ID.eq(accountId)).execute();
  }

  /** Expired rows are useless; removed opportunistically at sign-in. */
  public void deleteExpired(OffsetDateTime idleSince) {
    db.deleteFrom(SESSION)
        .where(SESSION.EXPIRES_AT.lt(OffsetDateTime.now()).or(SESSION.LAST_SEEN_AT.lt(idleSince)))
        .execute();
  }
}
