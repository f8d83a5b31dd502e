package vademecum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.manual.Draft;
import vademecum.testing.Browser;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;

/**
 * PostgreSQL stopped under a running app: pages and the API answer a clear 503 (not a 500, not a
 * hang), and once PostgreSQL is back the app serves again by itself, sessions included.
 */
class DatabaseOutageTest {

  private static EmbeddedPostgres postgres(Path dir, int port) throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  @Test
  void an_outage_is_a_503_and_the_app_recovers_by_itself() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path pgDir = Scratch.directory("outage-pg");
    EmbeddedPostgres postgres = postgres(pgDir, port);
    try (TestApp app =
        TestApp.start(
            Scratch.directory("outage-app"), "jdbc:postgresql://localhost:" + port + "/postgres")) {
      var workspace = app.workspace("panne");
      app.app()
          .services()
          .manuals()
          .create(
              workspace,
              new Draft("Guide", "fr", List.of(), "", "## Étape\nTexte.\n", null, "", false, true),
              null,
              Actor.SYSTEM);
      Browser reader = app.signedIn(workspace, Role.ASSISTANT);
      assertEquals(200, reader.get("/w/panne/m/guide").statusCode());

      postgres.close();
      var page = reader.get("/w/panne/m/guide");
      assertEquals(503, page.statusCode(), page.body());
      assertTrue(page.body().contains("The database is not answering"), page.body());
      assertEquals("5", page.headers().firstValue("Retry-After").orElse(""));
      assertEquals(503, app.get("/health").statusCode());
      var api = app.getWithBearer("/api/v1/me", "vdm_whatever");
      assertEquals(503, api.statusCode());
      assertTrue(api.body().contains("\"error\":\"unavailable\""), api.body());

      postgres = postgres(pgDir, port);
      int status = 0;
      for (int attempt = 0; attempt < 60 && status != 200; attempt++) {
        Thread.sleep(250);
        status = reader.get("/w/panne/m/guide").statusCode();
      }
      assertEquals(200, status, "serving again, with the same session");
      assertEquals(200, app.get("/health").statusCode());
    } finally {
      postgres.close();
    }
  }
}
