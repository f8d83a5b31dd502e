package vademecum.account;

import com.password4j.Password;

/** Argon2id hashing (parameters in psw4j.properties) and the rules a new password must meet. */
public final class Passwords {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 256;

  /** Verified against when the email is unknown, so both answers take the same time. */
  private final String decoy = hash("decoy password that no account has");

  public String hash(String password) {
    return Password.hash(password).addRandomSalt().withArgon2().getResult();
  }

  public boolean verify(String password, String hash) {
    if (password == null || password.length() > MAX_LENGTH) {
      return false;
    }
    if (hash == null) {
      Password.check(password, decoy).withArgon2();
      return false;
    }
    return Password.check(password, hash).withArgon2();
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
