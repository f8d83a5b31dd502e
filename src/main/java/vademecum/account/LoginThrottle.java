package vademecum.account;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Failed sign-ins counted in PostgreSQL, per account e-mail and per client address, so that every
 * node sees the same counts. A success clears the count for that e-mail.
 */
public final class LoginThrottle {
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final int MAX_FAILURES_PER_EMAIL = 5;
  public static final int MAX_FAILURES_PER_CLIENT = 30;

  private final LoginAttemptRepository attempts;

  public LoginThrottle(LoginAttemptRepository attempts) {
    this.attempts = attempts;
  }

  public boolean blocked(String email, String client) {
    OffsetDateTime since = OffsetDateTime.now().minus(WINDOW);
    return attempts.failuresForEmail(email, since) >= MAX_FAILURES_PER_EMAIL
        || attempts.failuresForClient(client, since) >= MAX_FAILURES_PER_CLIENT;
  }

  public void record(String email, String client, boolean succeeded) {
    attempts.insert(email, client, succeeded);
  }
}
