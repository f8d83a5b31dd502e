package vademecum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.testing.TestApp.form;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vademecum.account.LoginThrottle;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.manual.SampleManuals;
import vademecum.testing.Browser;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;
import vademecum.testing.TestImages;

/**
 * Two nodes on one PostgreSQL, as behind a load balancer: node A in a JVM of its own (so that it
 * can be killed), node B in this one. Both start together on an empty database.
 */
class MultiNodeTest {

  @Test
  void two_nodes_share_everything_through_postgresql() throws Exception {
    String url = TestDatabase.emptyUrl();
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          deliveries
              .computeIfAbsent(
                  exchange.getRequestHeaders().getFirst("X-Vademecum-Delivery"),
                  k -> new AtomicInteger())
              .incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();

    // Both nodes start at once on an empty database: migrations and samples happen once.
    var dataA = Scratch.directory("node-a");
    CompletableFuture<ServerProcess> startingA =
        CompletableFuture.supplyAsync(
            () ->
                ServerProcess.start(
                    dataA,
                    ServerProcess.freePort(),
                    url,
                    List.of(),
                    Map.of(
                        "VADEMECUM_WEBHOOK_POLL_MILLIS", "100",
                        "VADEMECUM_WEBHOOKS_ALLOW_PRIVATE", "true")));
    try (TestApp b = TestApp.startNode(Scratch.directory("node-b"), url);
        ServerProcess a = startingA.join()) {
      try (var sql = DriverManager.getConnection(url, "postgres", "");
          var statement = sql.createStatement()) {
        var migrations =
            statement.executeQuery(
                "select count(*), count(distinct version), bool_and(success)"
                    + " from flyway_schema_history where version is not null");
        migrations.next();
        assertEquals(migrations.getInt(1), migrations.getInt(2), "each migration ran once");
        assertTrue(migrations.getBoolean(3));
        var samples =
            statement.executeQuery(
                "select count(*) from manual m join workspace w on w.id = m.workspace_id"
                    + " where w.slug = '"
                    + SampleManuals.WORKSPACE_SLUG
                    + "'");
        samples.next();
        assertEquals(5, samples.getInt(1), "the sample manuals were loaded by one node");
      }

      Workspace workspace = b.workspace("agence");
      Account editor = b.account(workspace, Role.EDITOR);

      // Sign in on A, act on B with the same session and CSRF token.
      Browser onA = new Browser(a.url(""));
      assertEquals(303, onA.login(editor.email(), TestApp.PASSWORD).statusCode());
      onA.get("/w/agence/new");
      Browser onB = onA.onNode(b.url(""));
      assertEquals(200, onB.get("/w/agence").statusCode(), "the session is known on B");
      HttpResponse<String> created =
          onB.post(
              "/w/agence/manuals",
              form(
                  "title",
                  "Courrier",
                  "language",
                  "fr",
                  "markdown",
                  "## Trier le courrier\nOuvrir chaque enveloppe.\n",
                  "action",
                  "publish"));
      assertEquals(303, created.statusCode(), "a form from A's page is accepted by B");

      // A screenshot uploaded through A is served by B, byte for byte.
      byte[] screenshot = TestImages.png(64, 40);
      HttpResponse<String> uploaded =
          onA.upload("/w/agence/files", "tri.png", screenshot, Map.of(), "application/json");
      assertEquals(201, uploaded.statusCode(), uploaded.body());
      String fileUrl = uploaded.body().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1");
      assertArrayEquals(screenshot, onB.getBytes(fileUrl).body());

      // A publish through A is searchable on B within 2 s.
      onA.get("/w/agence/new");
      long published = System.nanoTime();
      assertEquals(
          303,
          onA.post(
                  "/w/agence/manuals",
                  form(
                      "title",
                      "Voyages",
                      "language",
                      "fr",
                      "markdown",
                      "## Réserver un vol\nComparer les tarifs ornithorynque.\n",
                      "action",
                      "publish"))
              .statusCode());
      long seenAfter = -1;
      while (System.nanoTime() - published < 5_000_000_000L) {
        if (onB.get("/search/results?q=ornithorynque").body().contains("Réserver un vol")) {
          seenAfter = (System.nanoTime() - published) / 1_000_000;
          break;
        }
        Thread.sleep(20);
      }
      assertTrue(
          seenAfter >= 0 && seenAfter < 2000,
          "searchable on B after "
              + seenAfter
              + " ms: "
              + onB.get("/search/results?q=ornithorynque").body());

      // Two editors, one on each node, saving from the same base: one wins, one conflict.
      Browser second = b.signedIn(workspace, Role.EDITOR);
      onA.get("/w/agence/m/voyages/edit");
      second.get("/w/agence/m/voyages/edit");
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<HttpResponse<String>> fromA =
          CompletableFuture.supplyAsync(() -> saveAfter(go, onA, "Version de A."));
      CompletableFuture<HttpResponse<String>> fromB =
          CompletableFuture.supplyAsync(() -> saveAfter(go, second, "Version de B."));
      go.countDown();
      List<Integer> codes = List.of(fromA.join().statusCode(), fromB.join().statusCode());
      assertTrue(codes.contains(303) && codes.contains(409), "one wins, one conflicts: " + codes);
      HttpResponse<String> conflict = codes.get(0) == 409 ? fromA.join() : fromB.join();
      assertTrue(
          conflict.body().contains("Version de A.") || conflict.body().contains("Version de B."),
          "the losing text is kept");

      // Failed sign-ins on A count on B.
      Account target = b.account(workspace, Role.ASSISTANT);
      for (int i = 0; i < LoginThrottle.FREE_PER_PAIR; i++) {
        new Browser(a.url("")).login(target.email(), "wrong password " + i);
      }
      assertEquals(
          429,
          new Browser(b.url("")).login(target.email(), TestApp.PASSWORD).statusCode(),
          "B knows of the failures on A");

      // Queued work runs once across nodes: A sends from its poll, B from this thread.
      deliveries.clear();
      b.app()
          .services()
          .webhooks()
          .add(
              workspace,
              "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
              Actor.SYSTEM);
      for (int i = 0; i < 10; i++) {
        b.app()
            .services()
            .manuals()
            .create(
                workspace,
                new Draft(
                    "Lot " + i, "fr", List.of(), "", "## Étape\nTexte.\n", null, "", false, true),
                null,
                Actor.SYSTEM);
      }
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (deliveries.size() < 10 && System.nanoTime() < deadline) {
        b.app().webhookDeliveries().runOnce();
      }
      Thread.sleep(500);
      assertEquals(10, deliveries.size(), "every event delivered");
      deliveries.forEach((id, count) -> assertEquals(1, count.get(), "delivery " + id + " once"));

      // Killing A leaves B serving.
      a.kill();
      assertEquals(200, b.get("/health").statusCode());
      assertTrue(onB.get("/search/results?q=ornithorynque").body().contains("Réserver un vol"));
      onB.get("/w/agence/new");
      assertEquals(
          303,
          onB.post(
                  "/w/agence/manuals",
                  form("title", "Après", "language", "fr", "markdown", "## Un\nDeux.\n"))
              .statusCode());

      // A new node with an empty data directory serves at once and builds its index meanwhile.
      try (TestApp c = TestApp.start(Scratch.directory("node-c"), url)) {
        assertEquals(200, c.get("/health").statusCode());
        Browser onC = onB.onNode(c.url(""));
        long until = System.nanoTime() + 10_000_000_000L;
        boolean found = false;
        while (!found && System.nanoTime() < until) {
          found = onC.get("/search/results?q=ornithorynque").body().contains("Réserver un vol");
          Thread.sleep(50);
        }
        assertTrue(found, "the new node's index was built from PostgreSQL");
      }
    } finally {
      receiver.stop(0);
    }
  }

  private static HttpResponse<String> saveAfter(CountDownLatch go, Browser editor, String text) {
    try {
      go.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return editor.post(
        "/w/agence/m/voyages",
        form(
            "title",
            "Voyages",
            "language",
            "fr",
            "markdown",
            "## Réserver un vol\n" + text + "\n",
            "base",
            "1",
            "action",
            "draft"));
  }
}
