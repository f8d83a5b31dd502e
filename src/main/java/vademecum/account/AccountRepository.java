package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import vademecum.db.Columns;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;

/** SQL for accounts. Every method runs on the {@code DSLContext} it is given. */
public final class AccountRepository {
  /** The columns {@link #account} reads, also selected by the queries that find who is asking. */
  static final List<Field<?>> COLUMNS =
      List.of(
          ACCOUNT.ID,
          ACCOUNT.EMAIL,
          ACCOUNT.DISPLAY_NAME,
          ACCOUNT.LANGUAGE,
          ACCOUNT.IS_ADMIN,
          ACCOUNT.DISABLED);

  static Account account(Columns row) {
    return new Account(
        row.get(ACCOUNT.ID),
        row.get(ACCOUNT.EMAIL),
        row.get(ACCOUNT.DISPLAY_NAME),
        row.get(ACCOUNT.LANGUAGE),
        row.get(ACCOUNT.IS_ADMIN),
        row.get(ACCOUNT.DISABLED));
  }

  /** The longest address a mail system delivers to (RFC 5321's path limit, less the brackets). */
  public static final int MAX_EMAIL = 254;

  /** E-mail addresses compare without case: one person, one account. */
  public static String normaliseEmail(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a normalised address looks like one. The length is checked first: the pattern
   * backtracks on a long run of dots ("a@" and 200,000 of them took minutes of a core).
   */
  public static boolean plausibleEmail(String normalised) {
    return normalised.length() <= MAX_EMAIL && normalised.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  }

  public Optional<Account> byEmail(DSLContext db, String email) {
    return where(db, ACCOUNT.EMAIL.eq(normaliseEmail(email))).stream().findFirst();
  }

  public Optional<Account> byId(DSLContext db, long id) {
    return where(db, ACCOUNT.ID.eq(id)).stream().findFirst();
  }

  /** Every account but the system one, for administrators. */
  public List<Account> all(DSLContext db) {
    return where(db, ACCOUNT.ID.ne(Actor.SYSTEM.accountId()));
  }

  private static List<Account> where(DSLContext db, Condition condition) {
    return db.select(COLUMNS)
        .from(ACCOUNT)
        .where(condition)
        .orderBy(ACCOUNT.DISPLAY_NAME, ACCOUNT.ID)
        .fetch(r -> account(Columns.of(r)));
  }

  public String passwordHash(DSLContext db, long accountId) {
    return db.select(ACCOUNT.PASSWORD_HASH)
        .from(ACCOUNT)
        .where(ACCOUNT.ID.eq(accountId))
        .fetchOne(ACCOUNT.PASSWORD_HASH);
  }

  /**
   * The new account's id, or empty when the address has one already: two creations of one address
   * at once (two invitations accepted together, an administrator adding someone as they sign in
   * through the provider) make one account, and the other is told, where the unique key answered
   * the second with an error page.
   */
  public Optional<Long> insert(
      DSLContext db,
      String email,
      String name,
      String language,
      String passwordHash,
      boolean admin,
      boolean emailVerified) {
    return db.insertInto(ACCOUNT)
        .set(ACCOUNT.EMAIL, normaliseEmail(email))
        .set(ACCOUNT.DISPLAY_NAME, name)
        .set(ACCOUNT.LANGUAGE, language)
        .set(ACCOUNT.PASSWORD_HASH, passwordHash)
        .set(ACCOUNT.IS_ADMIN, admin)
        .set(ACCOUNT.EMAIL_VERIFIED, emailVerified)
        .onConflict(ACCOUNT.EMAIL)
        .doNothing()
        .returning(ACCOUNT.ID)
        .fetchOptional(ACCOUNT.ID);
  }

  /**
   * Locks the account's row while its credentials change or one is made: ending them all (a new
   * password, "sign out everywhere") and making a session or an API token take turns, so that one
   * made as they end is seen ended, or ended with them.
   */
  public void lockCredentials(DSLContext db, long accountId) {
    db.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.eq(accountId)).forNoKeyUpdate().execute();
  }

  public void setPassword(DSLContext db, long accountId, String passwordHash) {
    db.update(ACCOUNT)
        .set(ACCOUNT.PASSWORD_HASH, passwordHash)
        .where(ACCOUNT.ID.eq(accountId))
        .execute();
  }

  /** Whether the account's address was confirmed (see V15). */
  public boolean emailVerified(DSLContext db, long accountId) {
    return Boolean.TRUE.equals(
        db.select(ACCOUNT.EMAIL_VERIFIED)
            .from(ACCOUNT)
            .where(ACCOUNT.ID.eq(accountId))
            .fetchOne(ACCOUNT.EMAIL_VERIFIED));
  }

  /** Returns whether the account existed and was not confirmed yet. */
  public boolean markEmailVerified(DSLContext db, long accountId) {
    return db.update(ACCOUNT)
            .set(ACCOUNT.EMAIL_VERIFIED, true)
            .where(ACCOUNT.ID.eq(accountId))
            .and(ACCOUNT.EMAIL_VERIFIED.isFalse())
            .execute()
        == 1;
  }

  /** The accounts whose address nobody has confirmed yet, for administrators. */
  public Set<Long> unverifiedIds(DSLContext db) {
    return db.select(ACCOUNT.ID)
        .from(ACCOUNT)
        .where(ACCOUNT.EMAIL_VERIFIED.isFalse())
        .fetchSet(ACCOUNT.ID);
  }

  public void setLanguage(DSLContext db, long accountId, String language) {
    db.update(ACCOUNT).set(ACCOUNT.LANGUAGE, language).where(ACCOUNT.ID.eq(accountId)).execute();
  }
}
