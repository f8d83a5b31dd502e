package vademecum.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.kernel.Secrets;
import vademecum.kernel.Session;
import vademecum.kernel.Sessions;

/**
 * Server-side sessions: the browser holds a random 256-bit id, the database its hash. A session
 * ends at logout, after {@code idle} without a request, or {@code absolute} after sign-in.
 */
public final class SessionService implements Sessions {
  /** Writing last-seen on every request would double the writes; a minute is precise enough. */
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private final DSLContext db;
  private final SessionRepository sessions;
  private final AccountRepository accounts = new AccountRepository();
  private final Duration idle;
  private final Duration absolute;

  public SessionService(
      DSLContext db, SessionRepository sessions, Duration idle, Duration absolute) {
    this.db = db;
    this.sessions = sessions;
    this.idle = idle;
    this.absolute = absolute;
  }

  @Override
  public Started start(long accountId) {
    sessions.deleteExpired(db, OffsetDateTime.now().minus(idle));
    String id = Secrets.newToken();
    String csrf = Secrets.newToken();
    OffsetDateTime expires = OffsetDateTime.now().plus(absolute);
    sessions.insert(db, Secrets.hash(id), accountId, csrf, expires);
    return new Started(id, sessions.signedInByHash(db, Secrets.hash(id)).orElseThrow().session());
  }

  /**
   * The live session for a cookie value, with its account and memberships, or empty when unknown,
   * idle too long or expired.
   */
  @Override
  public Optional<SignedIn> resume(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Optional.empty();
    }
    String hash = Secrets.hash(id);
    Optional<SignedIn> found = sessions.signedInByHash(db, hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Session session = found.get().session();
    OffsetDateTime now = OffsetDateTime.now();
    if (now.isAfter(session.expiresAt()) || now.isAfter(session.lastSeenAt().plus(idle))) {
      sessions.delete(db, hash);
      return Optional.empty();
    }
    if (now.isAfter(session.lastSeenAt().plus(TOUCH_INTERVAL))) {
      sessions.touch(db, hash);
    }
    return found;
  }

  @Override
  public void end(String id) {
    if (id != null) {
      sessions.delete(db, Secrets.hash(id));
    }
  }

  /** After a password change every other browser must sign in again. */
  public void endAll(long accountId) {
    endAll(db, accountId);
  }

  /** The same, inside the caller's transaction. */
  public void endAll(DSLContext tx, long accountId) {
    sessions.deleteForAccount(tx, accountId);
  }

  @Override
  public Optional<Started> startIfPasswordStill(long accountId, String passwordHash) {
    sessions.deleteExpired(db, OffsetDateTime.now().minus(idle));
    String id = Secrets.newToken();
    String csrf = Secrets.newToken();
    OffsetDateTime expires = OffsetDateTime.now().plus(absolute);
    return db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          // The row locked as Credentials.endAll locks it: a change committed before is seen
          // here, and one made after ends this session with the others.
          accounts.lockCredentials(tx, accountId);
          if (!passwordHash.equals(accounts.passwordHash(tx, accountId))) {
            return Optional.<Started>empty();
          }
          sessions.insert(tx, Secrets.hash(id), accountId, csrf, expires);
          return Optional.of(
              new Started(
                  id, sessions.signedInByHash(tx, Secrets.hash(id)).orElseThrow().session()));
        });
  }

  @Override
  public Duration absolute() {
    return absolute;
  }
}
