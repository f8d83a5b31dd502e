package vademecum.account;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;

/** Creating accounts (administrators, the CLI, the demo) and changing one's own settings. */
public final class AccountService {
  private final DSLContext db;
  private final AccountRepository accounts;
  private final Passwords passwords;
  private final AuditLog audit;
  private final Credentials credentials;

  private final LoginThrottle throttle;

  public AccountService(
      DSLContext db,
      AccountRepository accounts,
      Passwords passwords,
      SessionService sessions,
      AuditLog audit,
      LoginThrottle throttle) {
    this.throttle = throttle;
    this.db = db;
    this.accounts = accounts;
    this.passwords = passwords;
    this.audit = audit;
    this.credentials = new Credentials(sessions, audit);
  }

  public Account create(
      String email, String name, String language, String password, boolean admin, Long byAccount) {
    String normalised = AccountRepository.normaliseEmail(email);
    if (!AccountRepository.plausibleEmail(normalised)) {
      throw Refusal.badRequest("Enter a valid e-mail address.");
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      throw Refusal.badRequest("Enter a name (at most 100 characters).");
    }
    String problem = Passwords.problem(password);
    if (problem != null) {
      throw Refusal.badRequest(problem);
    }
    String lang = "en".equals(language) ? "en" : "fr";
    // Hashed before the transaction, which would otherwise hold a pooled connection meanwhile.
    String hash = passwords.hash(password);
    return db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          if (accounts.insert(tx, normalised, name.strip(), lang, hash, admin, true).isEmpty()) {
            throw Refusal.conflict("An account with the e-mail " + normalised + " already exists.");
          }
          audit.record(tx, byAccount, null, "account.create", normalised, admin ? "admin" : "");
          return accounts.byEmail(tx, normalised).orElseThrow();
        });
  }

  /**
   * The account of someone a sign-in provider vouches for: the address is confirmed by the
   * provider, and the password is a random one nobody knows (a password can be chosen later with
   * "Forgot your password?", where passwords are on).
   */
  public Account createFromProvider(String email, String name, String language, String issuer) {
    String normalised = AccountRepository.normaliseEmail(email);
    String shown = name == null || name.isBlank() ? normalised : name.strip();
    String hash = passwords.hash(Secrets.newPassword());
    return db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          if (accounts
              .insert(
                  tx,
                  normalised,
                  shown.length() > 100 ? shown.substring(0, 100) : shown,
                  "en".equals(language) ? "en" : "fr",
                  hash,
                  false,
                  true)
              .isEmpty()) {
            throw Refusal.conflict("An account with the e-mail " + normalised + " already exists.");
          }
          audit.record(tx, null, null, "account.create.sso", normalised, issuer);
          return accounts.byEmail(tx, normalised).orElseThrow();
        });
  }

  /**
   * A provider confirmed the address of an account nobody had confirmed yet. Such an account may
   * have been made by whoever held an invitation link, with a password of their choosing: that
   * password is replaced by a random one, its sessions end and its API tokens are revoked, so that
   * only the address's owner keeps it.
   */
  public void confirmByProvider(long accountId, String issuer) {
    if (accounts.emailVerified(db, accountId)) {
      return;
    }
    String hash = passwords.hash(Secrets.newPassword());
    db.transaction(
        c -> {
          if (!accounts.markEmailVerified(c.dsl(), accountId)) {
            return;
          }
          accounts.setPassword(c.dsl(), accountId, hash);
          // Sessions and API tokens made meanwhile are the same person's as the password, and a
          // link mailed before would still set one: they all go.
          credentials.endAll(c.dsl(), accountId);
          audit.record(
              c.dsl(), accountId, null, "account.confirm.sso", String.valueOf(accountId), issuer);
        });
  }

  public Optional<Account> findByEmail(String email) {
    return accounts.byEmail(db, email);
  }

  public Optional<Account> find(long id) {
    return accounts.byId(db, id);
  }

  public List<Account> all() {
    return accounts.all(db);
  }

  public void setLanguage(long accountId, String language) {
    if (!"fr".equals(language) && !"en".equals(language)) {
      throw Refusal.badRequest("The language must be fr or en.");
    }
    accounts.setLanguage(db, accountId, language);
  }

  /**
   * Changing the password signs out every session of the account, this one included. The current
   * password is a sign-in's guess like any other: whoever holds a stolen session could otherwise
   * try passwords here as fast as Argon2 allows. It is checked after the new one (a right guess
   * with a short new password said so) and under the sign-in throttle's count of this address's
   * failures from this client (see {@link LoginThrottle#delayForSignedIn}).
   */
  public void changePassword(long accountId, String current, String replacement, String client) {
    String problem = Passwords.problem(replacement);
    if (problem != null) {
      throw Refusal.badRequest(problem);
    }
    String email = accounts.byId(db, accountId).orElseThrow().email();
    var wait = throttle.delayForSignedIn(email, client);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds() + 1);
      throw Refusal.tooManyRequests(
          "Too many failed attempts. Wait " + seconds + " seconds, then try again.");
    }
    boolean right = passwords.verify(current, accounts.passwordHash(db, accountId));
    throttle.record(email, client, right);
    if (!right) {
      audit.record(db, accountId, null, "password.change.failed", email, client);
      throw Refusal.badRequest("The current password is not correct.");
    }
    String hash = passwords.hash(replacement);
    db.transaction(
        c -> {
          accounts.setPassword(c.dsl(), accountId, hash);
          // A new password is often the answer to a leak: what the old one let out stops too.
          credentials.endAll(c.dsl(), accountId);
          audit.record(c.dsl(), accountId, null, "account.password", String.valueOf(accountId), "");
        });
  }

  /** Ends every session of the account and stops its API tokens and links, in one transaction. */
  public void signOutEverywhere(long accountId) {
    db.transaction(
        c -> {
          credentials.endAll(c.dsl(), accountId);
          audit.record(
              c.dsl(), accountId, null, "account.signOutEverywhere", String.valueOf(accountId), "");
        });
  }
}
