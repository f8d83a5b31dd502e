package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.account.LoginThrottle;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.workspace.Role;

/** On its own database: it blocks the whole client address, which would disturb other tests. */
class LoginThrottleByClientTest {
  private static TestApp app;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  @Test
  void many_failures_from_one_address_block_it_whatever_the_email() {
    var account = app.account(app.workspace("acme"), Role.ASSISTANT);
    Browser guesser = app.browser();
    guesser.get("/login");
    for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_CLIENT; i++) {
      guesser.post(
          "/login", Map.of("email", "guess" + i + "@test.example", "password", "wrong password"));
    }
    assertEquals(
        429,
        guesser
            .post("/login", Map.of("email", account.email(), "password", TestApp.PASSWORD))
            .statusCode());
  }
}
