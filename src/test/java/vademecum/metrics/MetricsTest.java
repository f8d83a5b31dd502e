package vademecum.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** {@code /metrics} over real HTTP: what Prometheus reads, and who may read it. */
class MetricsTest {
  private static final String TOKEN = "metrics-token-for-the-test-0123456789";
  private static TestApp app;
  private static Workspace workspace;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app = TestApp.startWith(Map.of("VADEMECUM_METRICS_TOKEN", TOKEN));
    workspace = app.workspace("metrics");
    app.publish(workspace, "Travel", "## Booking flights\nBook the flight on the travel tool.\n");
    app.app().indexer().catchUp();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> metrics(String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(app.url("/metrics")));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The sum of the samples of that name whose labels include {@code labels}. */
  private static double sample(String text, String name, String labels) {
    Matcher sample =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(text);
    double sum = 0;
    boolean found = false;
    while (sample.find()) {
      if (labels.isEmpty() || (sample.group(1) != null && sample.group(1).contains(labels))) {
        sum += Double.parseDouble(sample.group(2));
        found = true;
      }
    }
    if (!found) {
      throw new AssertionError("no sample " + name + "{" + labels + "} in:\n" + text);
    }
    return sum;
  }

  @Test
  void prometheus_reads_requests_by_route_searches_the_index_the_pool_the_queues_and_the_jvm()
      throws Exception {
    Browser assistant = app.signedIn(workspace, Role.ASSISTANT);
    assertEquals(200, assistant.get("/search?q=flight+confidentialword").statusCode());
    assertEquals(200, assistant.get("/search?q=flights").statusCode());
    assertEquals(404, app.get("/no/such/page/x9").statusCode());
    app.app().indexer().catchUp();

    var answer = metrics();
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String text = answer.body();
    // Requests by route template and status, as histograms.
    assertTrue(
        sample(text, "http_server_requests_seconds_count", "status=\"200\",uri=\"/search\"") >= 2);
    assertTrue(
        text.contains("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\""),
        "a histogram");
    assertTrue(sample(text, "http_server_requests_seconds_count", "uri=\"unmatched\"") >= 1);
    // Neither what was searched nor an unknown address becomes a label.
    assertFalse(text.contains("confidentialword"));
    assertFalse(text.contains("/no/such/page"));
    // Searches: time, hits, and whether they had to be widened.
    assertTrue(sample(text, "vademecum_search_seconds_count", "kind=\"page\"") >= 2);
    assertTrue(sample(text, "vademecum_search_seconds_count", "outcome=\"found\"") >= 1);
    assertTrue(sample(text, "vademecum_search_hits_sum", "kind=\"page\"") >= 2);
    // The index against PostgreSQL.
    assertTrue(sample(text, "vademecum_search_index_documents", "") >= 1);
    assertTrue(sample(text, "vademecum_search_index_size_bytes", "") > 0);
    assertEquals(0, sample(text, "vademecum_search_index_pending", ""));
    assertEquals(1, sample(text, "vademecum_search_index_ready", ""));
    assertTrue(sample(text, "vademecum_search_indexer_catchups_total", "") >= 1);
    assertTrue(sample(text, "vademecum_search_indexer_changes_total", "") >= 1);
    // The pool, the outboxes, the JVM.
    assertTrue(sample(text, "hikaricp_connections_max", "pool=\"vademecum\"") >= 1);
    assertTrue(text.contains("vademecum_queue_items{queue=\"reminders\"}"));
    assertTrue(text.contains("vademecum_queue_oldest_seconds{queue=\"webhooks\"}"));
    assertTrue(text.contains("jvm_memory_used_bytes{"));
    assertTrue(text.contains("process_uptime_seconds"));
  }

  @Test
  void a_queued_reminder_shows_in_its_queue_until_it_is_sent() throws Exception {
    // A major publish queues reminder e-mails to the assistants (sent by the poller, off here).
    app.publish(workspace, "Mail", "## Sorting mail\nSort it.\n");
    double waiting = sample(metrics().body(), "vademecum_queue_items", "queue=\"reminders\"");
    assertTrue(waiting >= 1, "waiting: " + waiting);
    app.app().reminders().runOnce();
    assertEquals(0, sample(metrics().body(), "vademecum_queue_items", "queue=\"reminders\""));
  }

  @Test
  void from_elsewhere_the_metrics_need_the_token() throws Exception {
    // Through a proxy on this machine the connection is local, the visitor is not.
    var relayed = metrics("X-Forwarded-For", "203.0.113.9");
    assertEquals(401, relayed.statusCode());
    assertFalse(relayed.body().contains("jvm_memory"));
    assertEquals(401, metrics("Forwarded", "for=203.0.113.9").statusCode());
    assertEquals(
        401,
        metrics("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer wrong").statusCode());
    var withToken = metrics("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer " + TOKEN);
    assertEquals(200, withToken.statusCode());
    assertTrue(withToken.body().contains("jvm_memory_used_bytes"));
  }
}
