package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vademecum.testing.TestApp;

/** Requests Jetty refuses before any route: our page or JSON error, never Jetty's. */
class ProtocolErrorsTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void an_address_jetty_cannot_decode_gets_our_page_not_jettys() throws Exception {
    for (String path : List.of("/w/%00", "/%2e%2e/x", "/api/v1/%00")) {
      String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
      assertTrue(answer.contains("Content-Type: text/html; charset=utf-8"), answer);
      assertTrue(answer.contains("Requête refusée") && answer.contains("Request refused"), answer);
      assertTrue(answer.contains("Content-Security-Policy: "), answer);
      assertFalse(answer.contains("HTTP ERROR"), "Jetty's own page: " + answer);
    }
  }

  @Test
  void headers_too_large_say_so_and_the_api_gets_json() throws Exception {
    String filler = "Cookie: a=" + "y".repeat(60_000) + "\r\n";
    String page = raw("GET / HTTP/1.1\r\nHost: x\r\n" + filler);
    assertTrue(page.startsWith("HTTP/1.1 431 "), page);
    assertTrue(page.contains("cookies"), page);
    assertFalse(page.contains("HTTP ERROR"), page);

    String api = raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n" + filler);
    assertTrue(api.startsWith("HTTP/1.1 431 "), api);
    String body = api.substring(api.indexOf("\r\n\r\n") + 4);
    JsonNode error = new ObjectMapper().readTree(body);
    assertEquals("request_refused", error.get("error").asText(), body);
    assertTrue(error.get("message").asText().contains("headers are too large"), body);
  }

  @Test
  void a_refused_address_is_logged_without_the_secret_it_may_carry() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ProtocolErrors.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      // Headers too large: Jetty has read the address, and refuses before any route.
      raw(
          "GET /s/TopSecretShareToken HTTP/1.1\r\nHost: x\r\nCookie: a="
              + "y".repeat(60_000)
              + "\r\n");
    } finally {
      logger.detachAppender(lines);
    }
    String logged =
        lines.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
    assertTrue(logged.contains("/s/…"), logged);
    assertFalse(logged.contains("TopSecret"), logged);
  }

  /** A request written by hand: java.net.http refuses to send most of these. */
  private static String raw(String head) throws Exception {
    String request = head + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", URI.create(app.url("")).getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
