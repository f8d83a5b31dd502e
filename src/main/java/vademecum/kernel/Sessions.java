package vademecum.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Signed-in browsers, as the web layer needs them to know who is asking. Implemented by the account
 * feature and handed to the web layer by the composition root, so that {@code web} does not depend
 * on a feature.
 */
public interface Sessions {
  /** A new session with a new id: an id known before sign-in is never reused (fixation). */
  record Started(String id, Session session) {}

  /**
   * A session with its account and the account's workspaces (and roles there), in one round trip:
   * every signed-in page needs all three (who, may they be here, the workspace switcher).
   */
  record SignedIn(Session session, Account account, List<Membership> memberships) {}

  Started start(long accountId);

  /**
   * A new session for a password sign-in, made only if the password checked ({@code passwordHash})
   * is still the account's: one checked as the password changed must not open a session the change
   * has already ended. (Signing out everywhere keeps the password: a sign-in with it is the owner's
   * or someone who knows it, whom only a new password stops.)
   */
  Optional<Started> startIfPasswordStill(long accountId, String passwordHash);

  /** The live session for a cookie value, or empty when unknown, idle too long or expired. */
  Optional<SignedIn> resume(String id);

  void end(String id);

  /** How long a session may last, whatever its activity (the cookie's lifetime). */
  Duration absolute();
}
