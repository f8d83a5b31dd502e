package vademecum.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;

/**
 * Confirming that an account's address belongs to the person who made it (issue 20). Anyone with an
 * invitation link chooses the account's password, so without this an owner could invite {@code
 * ceo@victim.example}, open the link, and be that address for every other workspace. An account
 * made from an invitation starts unconfirmed: with e-mail set up, a link sent to the address
 * confirms it and it cannot sign in before; without e-mail, an administrator confirms it. Until
 * then, no other invitation to that address can be accepted.
 */
public final class EmailVerification {
  private static final Logger log = LoggerFactory.getLogger(EmailVerification.class);

  /** Sends one plain-text message; the SMTP mailer in production. */
  public interface Sender {
    void send(String to, String subject, String body) throws Exception;
  }

  static final Duration LINK_LIFETIME = Duration.ofDays(3);

  /** A new link is sent on a sign-in attempt at most this often. */
  static final Duration RESEND_AFTER = Duration.ofMinutes(2);

  private final DSLContext db;
  private final AccountRepository accounts;
  private final EmailVerificationRepository links;
  private final Passwords passwords;
  private final Credentials credentials;
  private final AuditLog audit;
  private final Optional<Sender> sender;
  private final String baseUrl;

  public EmailVerification(
      DSLContext db,
      AccountRepository accounts,
      EmailVerificationRepository links,
      Passwords passwords,
      SessionService sessions,
      AuditLog audit,
      Optional<Sender> sender,
      String baseUrl) {
    this.db = db;
    this.accounts = accounts;
    this.links = links;
    this.passwords = passwords;
    this.credentials = new Credentials(sessions, audit);
    this.audit = audit;
    this.sender = sender;
    this.baseUrl = baseUrl;
  }

  /** Whether addresses are confirmed by e-mail (else by an administrator). */
  public boolean byEmail() {
    return sender.isPresent();
  }

  public boolean verified(long accountId) {
    return accounts.emailVerified(db, accountId);
  }

  /**
   * Sends a confirmation link to the account's address, unless one left in the last two minutes.
   * Returns whether the address has a usable link on its way (false when sending failed).
   */
  public boolean sendLink(Account account) {
    if (sender.isEmpty()) {
      return false;
    }
    Optional<OffsetDateTime> newest = links.newest(db, account.id());
    if (newest.isPresent() && newest.get().isAfter(OffsetDateTime.now().minus(RESEND_AFTER))) {
      return true;
    }
    String token = Secrets.newToken();
    links.insert(db, account.id(), Secrets.hash(token), OffsetDateTime.now().plus(LINK_LIFETIME));
    String url = baseUrl + "/verify/" + token;
    boolean french = !"en".equals(account.language());
    try {
      sender
          .get()
          .send(
              account.email(),
              french ? "Confirmez votre adresse Vademecum" : "Confirm your Vademecum address",
              french
                  ? "Bonjour "
                      + account.displayName()
                      + ",\n\nPour confirmer que cette adresse est la vôtre et vous connecter à"
                      + " Vademecum, ouvrez ce lien (valable trois jours) :\n\n"
                      + url
                      + "\n\nSi vous n'avez pas créé de compte, ignorez ce message.\n"
                  : "Hello "
                      + account.displayName()
                      + ",\n\nTo confirm that this address is yours and sign in to Vademecum, open"
                      + " this link (valid for three days):\n\n"
                      + url
                      + "\n\nIf you did not create an account, ignore this message.\n");
      audit.record(db, account.id(), null, "email.link", account.email(), "");
      return true;
    } catch (Exception e) {
      log.warn("Could not send the confirmation link to account {}", account.id(), e);
      return false;
    }
  }

  /** Whether a link can still confirm an address (the page that asks to confirm). */
  public boolean usable(String token) {
    return token != null && links.usable(db, Secrets.hash(token));
  }

  /**
   * Confirms the address a link was sent to, with the password its owner chooses now; the link is
   * then used up. The password the account had was chosen by whoever held the invitation link, who
   * may not be the address's owner: kept, it let that person sign in as the address once its owner
   * confirmed it, into every workspace the owner joined later. So it is replaced, and the account's
   * API tokens and other sessions end with it, as when a sign-in provider confirms the address.
   *
   * @param password the new password, or null where password sign-in is off (a random one then)
   */
  public Account confirm(String token, String password) {
    if (password != null) {
      String problem = Passwords.problem(password);
      if (problem != null) {
        throw Refusal.invalid("password", problem);
      }
    }
    // Hashed outside the transaction: Argon2 takes a tenth of a second.
    String hash = passwords.hash(password != null ? password : Secrets.newPassword());
    String linkHash = Secrets.hash(token == null ? "" : token);
    long accountId =
        db.transactionResult(
            c -> {
              DSLContext tx = c.dsl();
              long id =
                  links.usableAccountForUpdate(tx, linkHash).orElseThrow(EmailVerification::spent);
              // A link of an address confirmed otherwise (another link, an administrator, the
              // sign-in provider) no longer sets a password.
              if (!accounts.markEmailVerified(tx, id)) {
                throw spent();
              }
              accounts.setPassword(tx, id, hash);
              // Every link of the account goes with this one, with its sessions and API tokens.
              credentials.endAll(tx, id);
              audit.record(tx, id, null, "email.verify", String.valueOf(id), "link");
              return id;
            });
    return accounts.byId(db, accountId).orElseThrow();
  }

  private static Refusal.Gone spent() {
    return Refusal.gone(
        "This confirmation link has expired or was already used. Sign in to receive a new one.");
  }

  /** An administrator vouches for the address (the only way when e-mail is not set up). */
  public void confirmByAdministrator(long accountId, long byAdministrator) {
    db.transaction(
        c -> {
          if (!accounts.markEmailVerified(c.dsl(), accountId)) {
            throw Refusal.notFound("There is no unconfirmed account " + accountId + ".");
          }
          links.useAll(c.dsl(), accountId);
          audit.record(
              c.dsl(), byAdministrator, null, "email.verify", String.valueOf(accountId), "admin");
        });
  }

  public Set<Long> unverified() {
    return accounts.unverifiedIds(db);
  }
}
