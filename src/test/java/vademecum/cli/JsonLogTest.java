package vademecum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;

/** {@code VADEMECUM_LOG_FORMAT=json}: a server whose every log line is one JSON object. */
class JsonLogTest {
  /** The start of a line of the text format (logback.xml). */
  private static final Pattern TEXT_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");

  @Test
  void every_log_line_is_a_json_object_and_requests_carry_their_fields() throws Exception {
    Path data = Scratch.directory("vademecum-json-log");
    try (ServerProcess server =
        ServerProcess.start(
            data,
            ServerProcess.freePort(),
            null,
            List.of(),
            Map.of("VADEMECUM_LOG_FORMAT", "json"),
            "--no-samples")) {
      var http = HttpClient.newHttpClient();
      var answer =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url("/health?secret=x1y2z3"))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode());
      ObjectMapper json = new ObjectMapper();
      JsonNode request = null;
      List<JsonNode> logged = new ArrayList<>();
      for (long deadline = System.nanoTime() + 10_000_000_000L;
          request == null && System.nanoTime() < deadline; ) {
        logged.clear();
        for (String line : server.output().split("\n")) {
          assertFalse(TEXT_LINE.matcher(line).find(), "a text log line: " + line);
          if (line.startsWith("{")) {
            JsonNode node = json.readTree(line);
            logged.add(node);
            if ("vademecum.request".equals(node.path("loggerName").asText())) {
              request = node;
            }
          }
        }
        Thread.sleep(50);
      }
      assertTrue(logged.size() >= 2, "the start's lines too: " + server.output());
      assertTrue(request != null, server.output());
      assertEquals("INFO", request.get("level").asText());
      assertTrue(request.get("formattedMessage").asText().startsWith("GET /health 200 "));
      assertFalse(request.toString().contains("x1y2z3"), "no query string");
      JsonNode fields = request.get("kvpList");
      assertTrue(fields.toString().contains("\"route\":\"/health\""), fields.toString());
    }
  }
}
