package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Role;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** One log line per request: the route's template, the status, the time; no secret, no search. */
class RequestLogTest {
  private static TestApp app;
  private static final Logger requests = (Logger) LoggerFactory.getLogger("vademecum.request");
  private static final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private static Level before;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    before = requests.getLevel();
    // The tests' own runs keep request lines out of their output (see pom.xml).
    requests.setLevel(Level.INFO);
    lines.start();
    requests.addAppender(lines);
  }

  @AfterAll
  static void stop() {
    requests.detachAppender(lines);
    requests.setLevel(before);
    app.close();
  }

  @Test
  void each_request_is_one_line_naming_its_route_and_never_its_tokens_or_search() {
    Browser assistant = app.signedIn(app.workspace("logs"), Role.ASSISTANT);
    lines.list.clear();
    assertEquals(200, assistant.get("/search?q=salaire+confidentiel").statusCode());
    app.get("/s/share-token-abcdef123456");
    app.get("/password/reset/reset-token-987654fedcba");
    app.get("/nowhere/at-all");

    List<ILoggingEvent> events = List.copyOf(lines.list);
    String all =
        events.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    assertEquals(4, events.size(), all);
    assertTrue(all.contains("GET /search 200 "), all);
    assertTrue(all.contains("GET /s/{token} "), all);
    assertTrue(all.contains("GET /password/reset/{token} "), all);
    assertTrue(all.contains("GET unmatched 404 "), all);
    for (String secret : List.of("salaire", "confidentiel", "abcdef123456", "987654fedcba")) {
      assertFalse(all.contains(secret), secret + " in " + all);
    }
    // The same as fields, for a JSON log.
    Map<String, Object> fields =
        events.get(0).getKeyValuePairs().stream()
            .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
    assertEquals("/search", fields.get("route"));
    assertEquals(200, fields.get("status"));
    assertTrue(fields.get("ms") instanceof Double);
  }
}
