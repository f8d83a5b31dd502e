package vademecum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vademecum.App;
import vademecum.config.Config;
import vademecum.testing.Scratch;

/**
 * The embedded PostgreSQL lets in only who knows its password: not any local account, not the
 * superuser over TCP, and the application itself connects as a role that cannot run programs.
 */
class EmbeddedAccessTest {

  @Test
  void every_connection_needs_the_password_and_the_superuser_is_refused_over_tcp()
      throws Exception {
    Path data = Scratch.directory("vademecum-access");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (EmbeddedDatabase database = EmbeddedDatabase.open(data, false)) {
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(data)),
          "the search index under it holds every procedure in full");
      Path file = data.resolve(DatabaseSecret.FILE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      DatabaseSecret secret = DatabaseSecret.read(data);
      String url = database.jdbcUrl();
      String ipv6 = "jdbc:postgresql://[::1]:" + database.port() + "/" + EmbeddedDatabase.DATABASE;
      for (String address : new String[] {url, ipv6}) {
        refused(address, "postgres", "");
        refused(address, "postgres", secret.superuserPassword());
        refused(address, DatabaseSecret.APP_ROLE, "");
        refused(address, DatabaseSecret.APP_ROLE, "not the password");
      }
      try (Connection app =
              DriverManager.getConnection(url, DatabaseSecret.APP_ROLE, secret.appPassword());
          var sql = app.createStatement()) {
        var rows = sql.executeQuery("select rolsuper from pg_roles where rolname = current_user");
        rows.next();
        assertFalse(rows.getBoolean(1), "the application's role is not a superuser");
        var program =
            assertThrows(
                SQLException.class,
                () -> sql.execute("create temp table t (x text); copy t from program 'id'"));
        assertTrue(program.getMessage().contains("permission denied"), program.getMessage());
      }
    }
    // A second start finds the directory locked down already and the same password.
    try (Database again =
        Database.open(Config.fromEnvironment(Map.of("VADEMECUM_DATA", data.toString())))) {
      assertEquals(1, again.dsl().fetchValue("select 1"));
    }
  }

  @Test
  void a_data_directory_of_an_earlier_version_is_locked_down_and_keeps_its_data() throws Exception {
    Path data = Scratch.directory("vademecum-upgrade");
    Path pg = data.resolve("postgres");
    // As earlier versions left it: initdb's trust, the database and its tables owned by the
    // superuser.
    try (EmbeddedPostgres old =
        EmbeddedPostgres.builder().setDataDirectory(pg).setCleanDataDirectory(false).start()) {
      String base = "jdbc:postgresql://localhost:" + old.getPort() + "/";
      try (Connection admin = DriverManager.getConnection(base + "postgres", "postgres", "")) {
        admin.createStatement().execute("create database vademecum");
      }
      try (Database database = Database.connect(base + "vademecum", "postgres", "", null)) {
        App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
        services.workspaces().getOrCreate("ancien", "Cabinet ancien");
      }
    }
    assertFalse(Files.exists(data.resolve(DatabaseSecret.FILE)));

    try (Database database =
        Database.open(Config.fromEnvironment(Map.of("VADEMECUM_DATA", data.toString())))) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      assertTrue(services.workspaces().findBySlug("ancien").isPresent(), "the data is still there");
      services.workspaces().getOrCreate("nouveau", "Cabinet nouveau");
      String port = Files.readAllLines(pg.resolve("postmaster.pid")).get(3).strip();
      refused("jdbc:postgresql://localhost:" + port + "/vademecum", "postgres", "");
    }
  }

  private static void refused(String url, String user, String password) {
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(url, user, password).close(),
        user + " with password '" + password + "' at " + url);
  }
}
