package vademecum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.db.DatabaseSecret;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;

/**
 * The server as it is run: its own JVM, embedded PostgreSQL in its data directory. SIGTERM stops it
 * cleanly: the process ends, PostgreSQL is shut down (no postmaster.pid left behind), and the
 * search index is committed with its watermark, so the next start needs no rebuild.
 */
class ShutdownTest {

  /**
   * A save that is being handled when SIGTERM comes (here: waiting for a row lock the test holds)
   * is finished and answered before the server stops, and is in the database. The server runs as by
   * default, on its embedded PostgreSQL, which must outlive the requests still finishing.
   */
  @Test
  void a_request_in_progress_at_sigterm_finishes() throws Exception {
    Path data = Scratch.directory("vademecum-graceful");
    ServerProcess server = ServerProcess.start(data, null, List.of(), "--no-samples");
    // Line 4 of postmaster.pid is the embedded PostgreSQL's port.
    String port = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(3);
    String url = "jdbc:postgresql://localhost:" + port.strip() + "/vademecum";
    String role = DatabaseSecret.APP_ROLE;
    String password = DatabaseSecret.read(data).appPassword();
    String token;
    long manualId;
    try (Database database = Database.connect(url, role, password, null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      Workspace workspace = services.workspaces().getOrCreate("arret", "Arrêt");
      Account editor =
          services
              .accounts()
              .create("arret@test.example", "Éditrice", "fr", "correct horse battery", false, null);
      services
          .memberships()
          .addMember(workspace, editor.id(), Role.EDITOR, Actor.SYSTEM.accountId());
      token = services.tokens().create(editor.id(), "arret");
      manualId =
          services
              .manuals()
              .create(
                  workspace,
                  new Draft("Arrêt", "fr", List.of(), "", "## Un\nDeux.\n", null, "", false, true),
                  null,
                  Actor.SYSTEM)
              .manual()
              .id();
    }
    try (var lock = DriverManager.getConnection(url, role, password)) {
      lock.setAutoCommit(false);
      try (var statement = lock.prepareStatement("select id from manual where id = ? for update")) {
        statement.setLong(1, manualId);
        statement.executeQuery();
      }
      var save =
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(
                              server.url("/api/v1/workspaces/arret/manuals/arret/revisions")))
                      .header("Authorization", "Bearer " + token)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"title\":\"Arrêt\",\"markdown\":\"## Un\\nTrois.\\n\",\"base\":1}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Thread.sleep(1500); // the save waits for the lock
      assertFalse(save.isDone(), "the save is in progress");
      new ProcessBuilder("kill", "-TERM", String.valueOf(server.pid())).start().waitFor();
      Thread.sleep(1000);
      assertTrue(server.isAlive(), "the server waits for the save in progress");
      lock.rollback(); // the save goes on
      HttpResponse<String> saved = save.get(30, TimeUnit.SECONDS);
      assertEquals(201, saved.statusCode(), "the save was answered");
      assertTrue(saved.body().contains("\"revision\":2"), "as revision 2: " + saved.body());
    } finally {
      assertTrue(server.terminate(60), "then the server stops");
      server.close();
    }
    assertFalse(
        Files.exists(data.resolve("postgres").resolve("postmaster.pid")),
        "PostgreSQL was stopped after the request, cleanly");
  }

  @Test
  void sigterm_commits_the_index_and_stops_postgresql_cleanly() throws Exception {
    Path data = Scratch.directory("vademecum-sigterm");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    Process server =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "vademecum.cli.Main",
                    "serve",
                    "--port",
                    String.valueOf(port),
                    "--data",
                    data.toString()))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean running = false;
      while ((line = output.readLine()) != null) {
        if (line.startsWith("Vademecum is running")) {
          running = true;
          break;
        }
      }
      assertTrue(running, "the server started");
      HttpClient http = HttpClient.newHttpClient();
      URI search = URI.create("http://localhost:" + port + "/health");
      assertEquals(
          200,
          http.send(HttpRequest.newBuilder(search).build(), HttpResponse.BodyHandlers.ofString())
              .statusCode());
      // Let the indexer take the sample manuals in before stopping.
      Thread.sleep(2000);
      Thread drain = Thread.ofPlatform().start(() -> output.lines().forEach(l -> {}));
      server.destroy(); // SIGTERM
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stopped within a minute");
      drain.join(5000);
    } finally {
      server.destroyForcibly();
    }
    assertFalse(
        Files.exists(data.resolve("postgres").resolve("postmaster.pid")),
        "PostgreSQL was shut down, not abandoned");
    try (var directory = FSDirectory.open(data.resolve("index"));
        var reader = DirectoryReader.open(directory)) {
      assertTrue(reader.numDocs() > 0, "the sample manuals are in the committed index");
      assertFalse(reader.getIndexCommit().getUserData().isEmpty(), "with its watermark");
    }
  }
}
