package vademecum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import vademecum.cli.VademecumCommand;
import vademecum.testing.Scratch;

/**
 * Who may attach to the embedded PostgreSQL another process started: a command next to the running
 * server, yes; the server to a command's database, no (the command stops it when it ends); a
 * restore next to the running server, no (it deleted the index the server had open).
 */
class EmbeddedHolderTest {

  @Test
  void the_server_does_not_attach_to_a_commands_database_and_a_command_may() throws Exception {
    Path data = Scratch.directory("vademecum-holder");
    try (EmbeddedDatabase command =
        EmbeddedDatabase.open(data, false, EmbeddedDatabase.Holder.COMMAND)) {
      IllegalStateException refused =
          assertThrows(
              IllegalStateException.class,
              () -> EmbeddedDatabase.open(data, false, EmbeddedDatabase.Holder.SERVER));
      assertTrue(refused.getMessage().contains("start the server once it has finished"));

      try (EmbeddedDatabase other =
          EmbeddedDatabase.open(data, false, EmbeddedDatabase.Holder.COMMAND)) {
        assertTrue(other.attached());
      }
      // The one attached did not stop the database it did not start.
      DriverManager.getConnection(command.jdbcUrl(), command.user(), command.password()).close();
    }
  }

  @Test
  void a_restore_next_to_the_running_server_is_refused_and_writes_nothing() throws Exception {
    Path data = Scratch.directory("vademecum-holder-restore");
    try (EmbeddedDatabase server =
        EmbeddedDatabase.open(data, false, EmbeddedDatabase.Holder.SERVER)) {
      Path index = Files.createDirectories(data.resolve("index"));
      Files.writeString(index.resolve("segments_1"), "the server's open index");
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      PrintStream original = System.err;
      System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
      int status;
      try {
        status =
            VademecumCommand.commandLine()
                .execute(
                    "restore", data.resolve("none.backup").toString(), "--data", data.toString());
      } finally {
        System.setErr(original);
      }
      assertEquals(1, status);
      assertTrue(errors.toString(StandardCharsets.UTF_8).contains("stop it, then restore"));
      assertTrue(Files.exists(index.resolve("segments_1")), "the server's index is left alone");
    }
  }
}
