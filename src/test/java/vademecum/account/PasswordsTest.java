package vademecum.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vademecum.kernel.Refusal;
import vademecum.web.WebServer;

class PasswordsTest {

  @Test
  void hashes_over_the_limit_are_refused_at_once_with_a_429_instead_of_queueing() throws Exception {
    Passwords passwords = new Passwords(1);
    String hash = passwords.hash("a password of some length");
    Thread first = Thread.ofPlatform().start(() -> passwords.verify("another one, wrong", hash));
    while (passwords.busy(1) == 0 && first.isAlive()) {
      Thread.onSpinWait();
    }
    if (first.isAlive()) {
      Refusal refused =
          assertThrows(Refusal.class, () -> passwords.verify("a password of some length", hash));
      assertEquals(429, WebServer.status(refused));
    }
    first.join();
    assertEquals(0, passwords.busy(1), "the permit is given back");
    assertTrue(passwords.verify("a password of some length", hash), "and the next one runs");
  }
}
