package vademecum.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Background;
import vademecum.kernel.Memberships;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;

/**
 * Recovering a forgotten password. With e-mail set up, anyone can ask for a link to be sent to an
 * address: the answer is the same whether an account has it or not, and both the address and the
 * asking client are throttled. Without e-mail, and always as well, an administrator (any account)
 * or an owner (their workspace's members, see {@code MembershipService}) makes a link to hand over.
 * A link is single use and valid one hour; using it ends every session of the account.
 */
public final class PasswordResets implements AutoCloseable {
  /** Sends the links one after the other, after the request has been answered. */
  private final Background mailing = new Background("password-mail");

  private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

  public static final Duration LIFETIME = Duration.ofHours(1);

  /** At most this many links are mailed to one address in an hour… */
  static final int MAILS_PER_HOUR = 3;

  /** …and one client asks at most this often, whatever the addresses. */
  static final int REQUESTS_PER_HOUR = 10;

  private final DSLContext db;
  private final AccountRepository accounts;
  private final PasswordResetRepository links;
  private final Passwords passwords;
  private final AuditLog audit;
  private final Credentials credentials;
  private final Optional<EmailVerification.Sender> sender;
  private final String baseUrl;

  private final Memberships memberships;

  public PasswordResets(
      DSLContext db,
      AccountRepository accounts,
      PasswordResetRepository links,
      Passwords passwords,
      SessionService sessions,
      AuditLog audit,
      Optional<EmailVerification.Sender> sender,
      Memberships memberships,
      String baseUrl) {
    this.memberships = memberships;
    this.db = db;
    this.accounts = accounts;
    this.links = links;
    this.passwords = passwords;
    this.audit = audit;
    this.credentials = new Credentials(sessions, audit);
    this.sender = sender;
    this.baseUrl = baseUrl;
  }

  /** Whether people can ask for a link themselves (e-mail is set up). */
  public boolean byEmail() {
    return sender.isPresent();
  }

  /**
   * "Forgot your password?": mails a link when an active account has the address and neither it nor
   * the client asked too often. Says nothing of what happened, so the page cannot tell who has an
   * account.
   */
  public void request(String email, String client) {
    if (sender.isEmpty()) {
      return;
    }
    OffsetDateTime hourAgo = OffsetDateTime.now().minusHours(1);
    if (links.recordRequest(db, client, hourAgo) > REQUESTS_PER_HOUR) {
      log.info("Password reset requests throttled for a client");
      return;
    }
    // The rest after answering: a mail is sent only to an address with an account, and the time
    // the SMTP server took told whoever asked whether it had one ("the same answer" was not).
    mailing.now(() -> mailLink(email));
  }

  private void mailLink(String email) {
    OffsetDateTime hourAgo = OffsetDateTime.now().minusHours(1);
    Optional<Account> found = accounts.byEmail(db, email).filter(a -> !a.disabled());
    if (found.isEmpty()) {
      return;
    }
    Account account = found.get();
    if (links.mailedSince(db, account.id(), hourAgo) >= MAILS_PER_HOUR) {
      log.info("Password reset mails throttled for account {}", account.id());
      return;
    }
    String url = newLink(account.id(), null);
    boolean french = !"en".equals(account.language());
    try {
      sender
          .get()
          .send(
              account.email(),
              french
                  ? "Réinitialiser votre mot de passe Vademecum"
                  : "Reset your Vademecum password",
              french
                  ? "Bonjour "
                      + account.displayName()
                      + ",\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une"
                      + " heure, une seule fois) :\n\n"
                      + url
                      + "\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe"
                      + " ne change pas.\n"
                  : "Hello "
                      + account.displayName()
                      + ",\n\nTo choose a new password, open this link (valid for one hour, once):"
                      + "\n\n"
                      + url
                      + "\n\nIf you did not ask for this, ignore this message: your password does"
                      + " not change.\n");
      audit.record(db, account.id(), null, "password.reset.mail", String.valueOf(account.id()), "");
    } catch (Exception e) {
      log.warn("Could not send a password reset link to account {}", account.id(), e);
    }
  }

  /** A link made by an administrator or an owner, to hand over; shown once. */
  public String issue(long accountId, long byAccount) {
    accounts
        .byId(db, accountId)
        .orElseThrow(() -> Refusal.notFound("There is no account " + accountId + "."));
    String url = newLink(accountId, byAccount);
    audit.record(db, byAccount, null, "password.reset.link", String.valueOf(accountId), "");
    return url;
  }

  private String newLink(long accountId, Long createdBy) {
    String token = Secrets.newToken();
    links.insert(
        db, accountId, createdBy, Secrets.hash(token), OffsetDateTime.now().plus(LIFETIME));
    return baseUrl + "/password/reset/" + token;
  }

  /** Whether a link can still be used (the page that asks for the new password). */
  public boolean usable(String token) {
    return token != null
        && links.usable(db, Secrets.hash(token)).filter(link -> entitled(db, link)).isPresent();
  }

  /**
   * Whether whoever made the link may still reset this account, checked again when it is used: an
   * owner removed from the workspace since, or a member who has joined another client's workspace
   * since, would otherwise let the owner take over an account that reads what they may not. The
   * rule is the one that let the owner make it ({@code
   * MembershipService.requirePasswordResettable}): an administrator always; an owner, for an
   * account that is not an administrator and belongs only to workspaces they own. A link mailed to
   * the account itself is its own.
   */
  private boolean entitled(DSLContext tx, PasswordResetRepository.Link link) {
    if (link.createdBy() == null || link.createdBy() == link.accountId()) {
      return true;
    }
    Optional<Account> maker = accounts.byId(tx, link.createdBy()).filter(a -> !a.disabled());
    if (maker.isEmpty()) {
      return false;
    }
    if (maker.get().admin()) {
      return true;
    }
    if (accounts.byId(tx, link.accountId()).map(Account::admin).orElse(true)) {
      return false;
    }
    // A member of no workspace any more belongs to no owner.
    return !memberships.workspacesOf(link.accountId()).isEmpty()
        && memberships.ownsEveryWorkspaceOf(link.createdBy(), link.accountId());
  }

  /**
   * Sets the new password and uses the link up (and every other link of the account); every session
   * of the account ends and every API token is revoked.
   */
  public void reset(String token, String replacement) {
    String problem = Passwords.problem(replacement);
    if (problem != null) {
      throw Refusal.invalid("password", problem);
    }
    String hash = passwords.hash(replacement);
    db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          PasswordResetRepository.Link link =
              links
                  .usableForUpdate(tx, Secrets.hash(token == null ? "" : token))
                  .orElseThrow(
                      () ->
                          Refusal.gone(
                              "This password reset link has expired or was already used. Ask"
                                  + " for a new one."));
          if (!entitled(tx, link)) {
            throw Refusal.gone(
                "This password reset link can no longer be used: whoever made it no longer"
                    + " manages this account. Ask for a new one.");
          }
          long id = link.accountId();
          accounts.setPassword(tx, id, hash);
          // Whoever knew the old password may have made tokens with it: they end with it, as
          // when a signed-in person changes the password (and every other link too).
          credentials.endAll(tx, id);
          audit.record(tx, id, null, "account.password", String.valueOf(id), "reset link");
          return id;
        });
  }

  @Override
  public void close() {
    mailing.close();
  }
}
