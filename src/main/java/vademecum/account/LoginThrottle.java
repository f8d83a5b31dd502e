package vademecum.account;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Failed sign-ins counted in PostgreSQL (every node sees the same counts), answered by slowing
 * down, never by locking out (OWASP's authentication guidance): after a few failures, the next
 * attempt must wait a delay that doubles with each further failure. Three counts, each with its own
 * free allowance and longest wait:
 *
 * <ul>
 *   <li>one address guessing one account's password: slowed after 3 failures, up to 5 minutes;
 *   <li>one account guessed from many addresses: after 20, up to a minute between attempts;
 *   <li>one address trying many accounts (password spraying): after 30, up to a minute.
 * </ul>
 *
 * So someone guessing a person's password from their own address slows only themselves: the person
 * signs in from theirs at once. A success clears the counts of that account.
 */
public final class LoginThrottle {
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final int FREE_PER_PAIR = 3;
  public static final int FREE_PER_EMAIL = 20;
  public static final int FREE_PER_CLIENT = 30;

  private final DSLContext db;
  private final LoginAttemptRepository attempts;

  public LoginThrottle(DSLContext db, LoginAttemptRepository attempts) {
    this.db = db;
    this.attempts = attempts;
  }

  /** How long this attempt must still wait; empty when it may be checked now. */
  public Optional<Duration> delayFor(String email, String client) {
    OffsetDateTime now = OffsetDateTime.now();
    OffsetDateTime since = now.minus(WINDOW);
    Duration longest = Duration.ZERO;
    for (LoginAttemptRepository.Failures failures :
        new LoginAttemptRepository.Failures[] {
          attempts.failuresForPair(db, email, client, since),
          attempts.failuresForEmail(db, email, since),
          attempts.failuresForClient(db, client, since)
        }) {
      Duration left = left(failures, now);
      if (left.compareTo(longest) > 0) {
        longest = left;
      }
    }
    return longest.isZero() ? Optional.empty() : Optional.of(longest);
  }

  /** What is left of one count's wait at {@code now}; zero or less when there is none. */
  private static Duration left(LoginAttemptRepository.Failures failures, OffsetDateTime now) {
    return failures.last() == null
        ? Duration.ZERO
        : Duration.between(now, failures.last().plus(delay(failures)));
  }

  /**
   * How long a check of the password by someone already signed in (changing it) must still wait:
   * only this address's failures from this client count. The address's failures from everywhere
   * would let anyone who knows the address keep its owner from changing a password they fear
   * leaked, by failing to sign in as them.
   */
  public Optional<Duration> delayForSignedIn(String email, String client) {
    OffsetDateTime now = OffsetDateTime.now();
    Duration left = left(attempts.failuresForPair(db, email, client, now.minus(WINDOW)), now);
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** The wait after the last failure of one count. */
  static Duration delay(LoginAttemptRepository.Failures failures) {
    int free =
        switch (failures.kind()) {
          case PAIR -> FREE_PER_PAIR;
          case EMAIL -> FREE_PER_EMAIL;
          case CLIENT -> FREE_PER_CLIENT;
        };
    long longestSeconds = failures.kind() == LoginAttemptRepository.Kind.PAIR ? 300 : 60;
    int over = failures.count() - free;
    if (over < 0) {
      return Duration.ZERO;
    }
    return Duration.ofSeconds(Math.min(longestSeconds, 1L << Math.min(over, 20)));
  }

  public void record(String email, String client, boolean succeeded) {
    attempts.insert(db, email, client, succeeded);
  }
}
