package vademecum.account;

import java.time.Duration;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;

/**
 * Checks a password with throttling, and answers the same for an unknown e-mail and a wrong
 * password.
 */
public final class SignIn {
  private final AccountRepository accounts;
  private final Passwords passwords;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final EmailVerification verification;
  private final DSLContext db;

  public SignIn(
      DSLContext db,
      AccountRepository accounts,
      Passwords passwords,
      LoginThrottle throttle,
      AuditLog audit,
      EmailVerification verification) {
    this.db = db;
    this.accounts = accounts;
    this.passwords = passwords;
    this.throttle = throttle;
    this.audit = audit;
    this.verification = verification;
  }

  public sealed interface Result {}

  /** {@code passwordHash}: the hash the password was checked against (see Sessions). */
  public record Success(Account account, String passwordHash) implements Result {}

  /** Unknown e-mail, wrong password or disabled account: deliberately indistinguishable. */
  public record Refused() implements Result {}

  /**
   * The right password for an account whose address is not confirmed yet, while confirmation goes
   * by e-mail: no session until the link sent to it is opened.
   */
  public record Unconfirmed(Account account) implements Result {}

  /**
   * Too many failures lately: this attempt was not checked; the next may come after {@code
   * retryAfter}.
   */
  public record Throttled(Duration retryAfter) implements Result {}

  public Result attempt(String rawEmail, String password, String client) {
    String email = AccountRepository.normaliseEmail(rawEmail);
    if (email.length() > AccountRepository.MAX_EMAIL) {
      // No account has such an address, and recording a failure for it went past what
      // PostgreSQL indexes (a 500 at every try).
      return new Refused();
    }
    var wait = throttle.delayFor(email, client);
    if (wait.isPresent()) {
      audit.record(db, null, null, "signin.throttled", email, client);
      return new Throttled(wait.get());
    }
    Optional<Account> account = accounts.byEmail(db, email);
    String hash =
        account.filter(a -> !a.disabled()).map(a -> accounts.passwordHash(db, a.id())).orElse(null);
    boolean ok = passwords.verify(password, hash) && hash != null;
    throttle.record(email, client, ok);
    if (!ok) {
      audit.record(db, account.map(Account::id).orElse(null), null, "signin.failed", email, client);
      return new Refused();
    }
    if (verification.byEmail() && !verification.verified(account.get().id())) {
      audit.record(db, account.get().id(), null, "signin.unconfirmed", email, client);
      return new Unconfirmed(account.get());
    }
    audit.record(db, account.get().id(), null, "signin", email, client);
    return new Success(account.get(), hash);
  }
}
