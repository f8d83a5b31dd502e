package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.testing.TestDatabase;

/**
 * An {@link Error} in a handler (Lucene's and flexmark's assertions are AssertionErrors; a library
 * may throw any Error) ends in our own 500 page or JSON error, like an exception, never in a bare
 * answer of the framework's, and the server goes on serving.
 */
class UnexpectedErrorTest {
  private static Database database;
  private static WebServer web;
  private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    database = TestDatabase.fresh();
    App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
    Access access =
        new Access(services.sessions(), services.memberships(), services.tokens(), false);
    WebServer.Routes failing =
        router -> {
          router.get(
              "/boom/{kind}",
              Router.Need.PUBLIC,
              ctx -> {
                switch (ctx.pathParam("kind")) {
                  case "assertion" -> throw new AssertionError("Unknown type flag: 7");
                  case "linkage" -> throw new NoClassDefFoundError("missing/Thing");
                  default -> throw new IllegalStateException("plain failure");
                }
              });
          router.get(
              "/api/v1/boom",
              Router.Need.PUBLIC,
              ApiDoc.of("Fails on purpose.", "anyone", null),
              ctx -> {
                throw new AssertionError("bits=7");
              });
          router.get("/fine", Router.Need.PUBLIC, ctx -> ctx.result("fine"));
        };
    web =
        new WebServer(
                new Templates(),
                access,
                meters,
                "http://localhost",
                1 << 20,
                1 << 20,
                "1 MB",
                "1 MB",
                List.of(failing))
            .start(0);
  }

  @AfterAll
  static void stop() {
    web.stop();
    database.close();
  }

  private static HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + web.port() + path))
            .header("Accept", accept)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_error_in_a_page_shows_our_error_page() throws Exception {
    for (String kind : List.of("assertion", "linkage", "exception")) {
      var page = get("/boom/" + kind, "text/html");
      assertEquals(500, page.statusCode(), kind);
      assertTrue(page.body().contains("<html"), kind + ": " + page.body());
      assertFalse(page.body().contains("Unknown type flag"), "no detail is shown: " + page.body());
      assertFalse(page.body().contains("at vademecum."), "no stack trace: " + page.body());
    }
    assertEquals("fine", get("/fine", "text/html").body());
  }

  @Test
  void the_error_log_names_the_route_not_the_path_and_its_tokens() throws Exception {
    Logger server = (Logger) LoggerFactory.getLogger(WebServer.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    server.addAppender(lines);
    try {
      // Paths carry share, reset and invitation tokens: this one stands for such a token.
      assertEquals(500, get("/boom/vdm-secret-token", "text/html").statusCode());
    } finally {
      server.detachAppender(lines);
    }
    ILoggingEvent line = lines.list.getLast();
    assertTrue(line.getFormattedMessage().contains("/boom/{kind}"), line.getFormattedMessage());
    assertFalse(line.getFormattedMessage().contains("secret"), line.getFormattedMessage());
    assertNotNull(line.getThrowableProxy(), "the stack trace is logged");
  }

  @Test
  void an_error_in_the_api_answers_a_json_error() throws Exception {
    var answer = get("/api/v1/boom", "application/json");
    assertEquals(500, answer.statusCode());
    assertTrue(answer.body().startsWith("{\""), answer.body());
    assertTrue(answer.body().contains("\"error\""), answer.body());
    assertFalse(answer.body().contains("bits=7"), answer.body());
    // Counted as a server error under its route's template.
    assertTrue(
        meters
                .get("http.server.requests")
                .tags("uri", "/api/v1/boom", "status", "500", "outcome", "SERVER_ERROR")
                .timer()
                .count()
            >= 1);
  }

  @Test
  void a_french_reader_gets_the_error_page_in_french() throws Exception {
    var page =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + web.port() + "/boom/assertion"))
                .header("Accept", "text/html")
                .header("Accept-Language", "fr-FR,fr;q=0.9")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(500, page.statusCode());
    assertTrue(page.body().contains("lang=\"fr\""), page.body());
  }
}
