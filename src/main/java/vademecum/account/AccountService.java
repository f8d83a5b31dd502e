package vademecum.account;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;

/** Creating accounts (administrators, the CLI, the demo) and changing one's own settings. */
public final class AccountService {
  private final DSLContext db;
  private final AccountRepository accounts;
  private final Passwords passwords;
  private final SessionService sessions;
  private final AuditLog audit;

  public AccountService(
      DSLContext db,
      AccountRepository accounts,
      Passwords passwords,
      SessionService sessions,
      AuditLog audit) {
    this.db = db;
    this.accounts = accounts;
    this.passwords = passwords;
    this.sessions = sessions;
    this.audit = audit;
  }

  public Account create(
      String email, String name, String language, String password, boolean admin, Long byAccount) {
    String normalised = AccountRepository.normaliseEmail(email);
    if (!normalised.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || normalised.length() > 254) {
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
          if (accounts.byEmail(tx, normalised).isPresent()) {
            throw Refusal.conflict("An account with the e-mail " + normalised + " already exists.");
          }
          long id = accounts.insert(tx, normalised, name.strip(), lang, hash, admin, true);
          audit.record(tx, byAccount, null, "account.create", normalised, admin ? "admin" : "");
          return accounts.byEmail(tx, normalised).orElseThrow();
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

  /** Changing the password signs out every session of the account, this one included. */
  public void changePassword(long accountId, String current, String replacement) {
    if (!passwords.verify(current, accounts.passwordHash(db, accountId))) {
      throw Refusal.badRequest("The current password is not correct.");
    }
    String problem = Passwords.problem(replacement);
    if (problem != null) {
      throw Refusal.badRequest(problem);
    }
    String hash = passwords.hash(replacement);
    db.transaction(
        c -> {
          accounts.setPassword(c.dsl(), accountId, hash);
          audit.record(c.dsl(), accountId, null, "account.password", String.valueOf(accountId), "");
        });
    sessions.endAll(accountId);
  }

  public void signOutEverywhere(long accountId) {
    sessions.endAll(accountId);
    audit.record(db, accountId, null, "account.signOutEverywhere", String.valueOf(accountId), "");
  }
}
