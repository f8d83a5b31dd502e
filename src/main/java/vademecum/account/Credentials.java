package vademecum.account;

import org.jooq.DSLContext;
import vademecum.audit.AuditLog;

/**
 * Everything that lets someone in without the password — sessions, API tokens, and the links mailed
 * to the address (a password reset link, or a confirmation link that sets a password), which
 * someone who read the mailbox may hold — ended together when the password changes, by any door, or
 * when its owner signs out everywhere.
 */
final class Credentials {
  private final SessionService sessions;
  private final AuditLog audit;
  private final ApiTokenRepository tokens = new ApiTokenRepository();
  private final AccountRepository accounts = new AccountRepository();
  private final PasswordResetRepository resets = new PasswordResetRepository();
  private final EmailVerificationRepository confirmations = new EmailVerificationRepository();

  Credentials(SessionService sessions, AuditLog audit) {
    this.sessions = sessions;
    this.audit = audit;
  }

  /**
   * In the caller's transaction: done in two, a failure between them answered "nothing was changed"
   * with half of it done.
   */
  void endAll(DSLContext tx, long accountId) {
    accounts.lockCredentials(tx, accountId);
    sessions.endAll(tx, accountId);
    int revoked = tokens.revokeAll(tx, accountId);
    if (revoked > 0) {
      audit.record(tx, accountId, null, "token.revokeAll", String.valueOf(revoked), "");
    }
    resets.useAll(tx, accountId);
    confirmations.useAll(tx, accountId);
  }
}
