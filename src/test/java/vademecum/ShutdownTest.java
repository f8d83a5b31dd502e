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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import vademecum.testing.ServerProcess;

/**
 * The server as it is run: its own JVM, embedded PostgreSQL in its data directory. SIGTERM stops it
 * cleanly: the process ends, PostgreSQL is shut down (no postmaster.pid left behind), and the
 * search index is committed with its watermark, so the next start needs no rebuild.
 */
class ShutdownTest {

  /**
   * A request whose body is still arriving when SIGTERM comes is answered: the server stops
   * accepting connections but lets the requests in progress finish.
   */
  @Test
  void a_request_in_progress_at_sigterm_is_answered() throws Exception {
    Path data = Files.createTempDirectory("vademecum-graceful");
    ServerProcess server = ServerProcess.start(data, null, List.of(), "--no-samples");
    try (var socket = new java.net.Socket("localhost", server.port())) {
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      String body = "email=someone%40example.com&password=not+the+right+one";
      out.write(
          ("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\n"
                  + "Content-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body.substring(0, 10))
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(500); // the request is being handled, waiting for the rest of its body
      ProcessHandle.of(server.pid()).orElseThrow().destroy(); // SIGTERM
      Thread.sleep(1000);
      assertTrue(server.isAlive(), "the server waits for the request in progress");
      out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertTrue(
          status != null && status.matches("HTTP/1.1 [234]\\d\\d .*"),
          "answered after SIGTERM: " + status);
    } finally {
      assertTrue(server.terminate(60), "then the server stops");
      server.close();
    }
    assertFalse(Files.exists(data.resolve("postgres").resolve("postmaster.pid")));
  }

  @Test
  void sigterm_commits_the_index_and_stops_postgresql_cleanly() throws Exception {
    Path data = Files.createTempDirectory("vademecum-sigterm");
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
                    "vademecum.App",
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
