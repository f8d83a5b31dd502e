package vademecum.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vademecum.testing.Scratch;

/** A postmaster.pid left by a server killed before a reboot names a number someone else has. */
class StaleLockFileTest {
  @Test
  void a_live_process_that_is_not_postgres_is_never_signalled() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Path pg = Scratch.directory("stale-pid");
      Files.writeString(pg.resolve("postmaster.pid"), other.pid() + "\n/data\n0\n5432\n");
      EmbeddedDatabase.stopOrphan(pg);
      assertFalse(other.waitFor(1, TimeUnit.SECONDS), "the other process still runs");
      assertTrue(other.isAlive());
      assertFalse(Files.exists(pg.resolve("postmaster.pid")), "the stale file is gone");
    } finally {
      other.destroyForcibly();
    }
  }
}
