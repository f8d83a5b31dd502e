package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.Records;
import org.jooq.SelectJoinStep;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;

public final class AccountRepository {
  private final DSLContext db;

  public AccountRepository(DSLContext db) {
    this.db = db;
  }

  /** The columns {@link #joined} reads, for the hot queries that select an account. */
  static final List<org.jooq.Field<?>> COLUMNS =
      List.of(
          ACCOUNT.ID,
          ACCOUNT.EMAIL,
          ACCOUNT.DISPLAY_NAME,
          ACCOUNT.LANGUAGE,
          ACCOUNT.IS_ADMIN,
          ACCOUNT.DISABLED);

  /** The account in a row of a hot query that selected {@link #COLUMNS}. */
  static Account joined(vademecum.db.Prepared.Row row) throws java.sql.SQLException {
    return new Account(
        row.get(ACCOUNT.ID),
        row.get(ACCOUNT.EMAIL),
        row.get(ACCOUNT.DISPLAY_NAME),
        row.get(ACCOUNT.LANGUAGE),
        row.get(ACCOUNT.IS_ADMIN),
        row.get(ACCOUNT.DISABLED));
  }

  /** E-mail addresses compare without case: one person, one account. */
  public static String normaliseEmail(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  public Optional<Account> findByEmail(DSLContext tx, String email) {
    return where(tx, ACCOUNT.EMAIL.eq(normaliseEmail(email)));
  }

  public Optional<Account> findById(long id) {
    return where(db, ACCOUNT.ID.eq(id));
  }

  private static Optional<Account> where(DSLContext tx, Condition condition) {
    return selectAccounts(tx).where(condition).fetchOptional(Records.mapping(Account::new));
  }

  private static SelectJoinStep<Record6<Long, String, String, String, Boolean, Boolean>>
      selectAccounts(DSLContext tx) {
    return tx.select(
            ACCOUNT.ID,
            ACCOUNT.EMAIL,
            ACCOUNT.DISPLAY_NAME,
            ACCOUNT.LANGUAGE,
            ACCOUNT.IS_ADMIN,
            ACCOUNT.DISABLED)
        .from(ACCOUNT);
  }

  public String passwordHash(long accountId) {
    return db.select(ACCOUNT.PASSWORD_HASH)
        .from(ACCOUNT)
        .where(ACCOUNT.ID.eq(accountId))
        .fetchOne(ACCOUNT.PASSWORD_HASH);
  }

  public long insert(
      DSLContext tx,
      String email,
      String name,
      String language,
      String passwordHash,
      boolean admin,
      boolean emailVerified) {
    return tx.insertInto(ACCOUNT)
        .set(ACCOUNT.EMAIL, normaliseEmail(email))
        .set(ACCOUNT.DISPLAY_NAME, name)
        .set(ACCOUNT.LANGUAGE, language)
        .set(ACCOUNT.PASSWORD_HASH, passwordHash)
        .set(ACCOUNT.IS_ADMIN, admin)
        .set(ACCOUNT.EMAIL_VERIFIED, emailVerified)
        .returning(ACCOUNT.ID)
        .fetchSingle(ACCOUNT.ID);
  }

  public void setPassword(DSLContext tx, long accountId, String passwordHash) {
    tx.update(ACCOUNT)
        .set(ACCOUNT.PASSWORD_HASH, passwordHash)
        .where(ACCOUNT.ID.eq(accountId))
        .execute();
  }

  /** Whether the account's address was confirmed (see V15). */
  public boolean emailVerified(DSLContext tx, long accountId) {
    return Boolean.TRUE.equals(
        tx.select(ACCOUNT.EMAIL_VERIFIED)
            .from(ACCOUNT)
            .where(ACCOUNT.ID.eq(accountId))
            .fetchOne(ACCOUNT.EMAIL_VERIFIED));
  }

  /** Returns whether the account existed and was not confirmed yet. */
  public boolean markEmailVerified(DSLContext tx, long accountId) {
    return tx.update(ACCOUNT)
            .set(ACCOUNT.EMAIL_VERIFIED, true)
            .where(ACCOUNT.ID.eq(accountId))
            .and(ACCOUNT.EMAIL_VERIFIED.isFalse())
            .execute()
        == 1;
  }

  /** The accounts whose address nobody has confirmed yet, for administrators. */
  public java.util.Set<Long> unverifiedIds(DSLContext tx) {
    return tx.select(ACCOUNT.ID)
        .from(ACCOUNT)
        .where(ACCOUNT.EMAIL_VERIFIED.isFalse())
        .fetchSet(ACCOUNT.ID);
  }

  public void setLanguage(long accountId, String language) {
    db.update(ACCOUNT).set(ACCOUNT.LANGUAGE, language).where(ACCOUNT.ID.eq(accountId)).execute();
  }

  /** Every account but the system one, for administrators. */
  public List<Account> all() {
    return selectAccounts(db)
        .where(ACCOUNT.ID.ne(Actor.SYSTEM.accountId()))
        .orderBy(ACCOUNT.DISPLAY_NAME)
        .fetch(Records.mapping(Account::new));
  }
}
