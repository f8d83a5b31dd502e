package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.AUDIT_EVENT;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.account.LoginThrottle;
import vademecum.kernel.Role;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/**
 * Behind a reverse proxy (here: this machine, trusted), people are told apart by the address it
 * forwards. A guesser slows down only themselves: the person whose password is guessed, and
 * everyone else behind the same proxy, sign in at once.
 */
class LoginThrottleByClientTest {
  private static TestApp app;

  @BeforeAll
  static void setUp() {
    app = TestApp.startBehindProxy("127.0.0.1/32, ::1/128");
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static Browser from(String address) {
    Browser browser = app.browser().always("X-Forwarded-For", address);
    browser.get("/login");
    return browser;
  }

  @Test
  void guessing_one_password_slows_the_guesser_not_the_person() {
    var account = app.account(app.workspace("acme"), Role.ASSISTANT);
    Browser guesser = from("198.51.100.7");
    for (int i = 0; i < LoginThrottle.FREE_PER_PAIR; i++) {
      guesser.post("/login", Map.of("email", account.email(), "password", "guess " + i));
    }
    var slowed =
        guesser.post("/login", Map.of("email", account.email(), "password", TestApp.PASSWORD));
    assertEquals(429, slowed.statusCode(), "even the right password waits its turn");
    long retry = Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1 && retry <= 3, "a short wait, not a lock-out: " + retry);

    Browser person = from("203.0.113.20");
    assertEquals(303, person.login(account.email(), TestApp.PASSWORD).statusCode());
    int recorded =
        app.app()
            .services()
            .database()
            .dsl()
            .fetchCount(
                AUDIT_EVENT,
                AUDIT_EVENT
                    .ACTION
                    .eq("signin.failed")
                    .and(AUDIT_EVENT.TARGET.eq(account.email()))
                    .and(AUDIT_EVENT.DETAIL.eq("198.51.100.7")));
    assertEquals(LoginThrottle.FREE_PER_PAIR, recorded, "the audit log records the real client");
  }

  @Test
  void spraying_many_accounts_from_one_address_slows_that_address_only() {
    var account = app.account(app.workspace("acme"), Role.ASSISTANT);
    Browser sprayer = from("198.51.100.66");
    for (int i = 0; i < LoginThrottle.FREE_PER_CLIENT; i++) {
      sprayer.post(
          "/login", Map.of("email", "guess" + i + "@test.example", "password", "wrong password"));
    }
    assertEquals(
        429,
        sprayer
            .post("/login", Map.of("email", account.email(), "password", TestApp.PASSWORD))
            .statusCode());
    assertEquals(303, from("203.0.113.21").login(account.email(), TestApp.PASSWORD).statusCode());
  }

  @Test
  void a_forwarded_address_from_an_untrusted_sender_is_ignored() {
    var client = ClientAddress.trusting("10.0.0.0/8");
    assertEquals("127.0.0.1", client.of("127.0.0.1", "203.0.113.5"));
    assertEquals("203.0.113.5", client.of("10.1.2.3", "198.51.100.1, 203.0.113.5"));
    assertEquals("203.0.113.5", client.of("10.1.2.3", "203.0.113.5, 10.9.9.9"));
    assertEquals("10.1.2.3", client.of("10.1.2.3", "not-an-address"));
    // A proxy that writes the client's port.
    assertEquals("203.0.113.5", client.of("10.1.2.3", "203.0.113.5:51234"));
    assertEquals("2001:db8::1", client.of("10.1.2.3", "[2001:db8::1]:443"));
    assertEquals("2001:db8::1", client.of("10.1.2.3", "2001:db8::1"));
  }
}
