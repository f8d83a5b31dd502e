package vademecum.account;

import com.password4j.Password;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import vademecum.kernel.Refusal;

/**
 * Argon2id hashing (parameters in psw4j.properties) and the rules a new password must meet. Each
 * hash takes about a tenth of a second of a core and its memory: more at once than the cores can
 * run only makes every request wait (and, inside a transaction, held the connection pool), so at
 * most {@link #AT_ONCE} run together and the ones over are refused at once with a 429.
 */
public final class Passwords {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 256;
  static final int AT_ONCE = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

  private final Semaphore running;

  public Passwords() {
    this(AT_ONCE);
  }

  Passwords(int atOnce) {
    this.running = new Semaphore(atOnce);
    this.decoy = hash("decoy password that no account has");
  }

  /** Hashes running now (for tests). */
  int busy(int atOnce) {
    return atOnce - running.availablePermits();
  }

  /** Verified against when the email is unknown, so both answers take the same time. */
  private final String decoy;

  public String hash(String password) {
    return bounded(() -> Password.hash(password).addRandomSalt().withArgon2().getResult());
  }

  public boolean verify(String password, String hash) {
    if (password == null || password.length() > MAX_LENGTH) {
      return false;
    }
    if (hash == null) {
      bounded(() -> Password.check(password, decoy).withArgon2());
      return false;
    }
    return bounded(() -> Password.check(password, hash).withArgon2());
  }

  private <T> T bounded(Supplier<T> work) {
    if (!running.tryAcquire()) {
      throw Refusal.tooManyRequests(
          "Too many passwords are being checked at this moment. Try again in a few seconds.");
    }
    try {
      return work.get();
    } finally {
      running.release();
    }
  }

  /** Null when acceptable, else the reason shown to the person choosing it. */
  public static String problem(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "The password must have at least " + MIN_LENGTH + " characters.";
    }
    if (password.length() > MAX_LENGTH) {
      return "The password must have at most " + MAX_LENGTH + " characters.";
    }
    if (password.isBlank()) {
      return "The password cannot be only spaces.";
    }
    return null;
  }
}
