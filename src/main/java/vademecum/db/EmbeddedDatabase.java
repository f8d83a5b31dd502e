package vademecum.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that runs inside the data directory when no external database is configured.
 *
 * <p>One process owns it, marked by a lock on {@code <data>/vademecum.lock}; any other process (a
 * CLI command next to a running server) attaches to the running postmaster through the port in
 * {@code postmaster.pid} instead of starting a second one on the same files.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String DATABASE = "vademecum";

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final int port;
  private final DatabaseSecret secret;

  private EmbeddedDatabase(
      EmbeddedPostgres postgres,
      FileChannel channel,
      FileLock lock,
      int port,
      DatabaseSecret secret) {
    this.postgres = postgres;
    this.lockChannel = channel;
    this.lock = lock;
    this.port = port;
    this.secret = secret;
  }

  /** The data directory is another process's, and cannot be used now: said in one line. */
  public static final class InUse extends IllegalStateException {
    InUse(String message) {
      super(message);
    }
  }

  /** Who started the database: the server, or a command (import, backup…) run without one. */
  public enum Holder {
    SERVER,
    COMMAND
  }

  /** Names the process that started the database, for those that would attach to it. */
  static final String HOLDER_FILE = "vademecum.holder";

  /** A command's database, for tests and the tools: see {@link #open(Path, boolean, Holder)}. */
  public static EmbeddedDatabase open(Path dataDir, boolean durable) {
    return open(dataDir, durable, Holder.COMMAND);
  }

  /**
   * @param durable fsync and synchronous commit on (zonky turns both off by default): a 2xx answer
   *     must mean the write is on disk. Only tests pass false.
   * @param holder who opens it. A server does not attach to a command's database: the command stops
   *     PostgreSQL when it ends, which cut every connection of a server attached to it, and the
   *     next start put PostgreSQL on another port the server never found again.
   */
  public static EmbeddedDatabase open(Path dataDir, boolean durable, Holder holder) {
    DataDirectory.prepare(dataDir);
    try {
      Path pgDir = dataDir.resolve("postgres");
      FileChannel channel =
          FileChannel.open(
              dataDir.resolve("vademecum.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        if (holder == Holder.SERVER && heldBy(dataDir) == Holder.COMMAND) {
          throw new InUse(
              "A vademecum command (import, backup, restore…) is using "
                  + dataDir
                  + " and will stop its database when it ends: start the server once it has"
                  + " finished.");
        }
        int port =
            runningPort(pgDir)
                .orElseThrow(
                    () ->
                        new InUse(
                            "Another Vademecum process holds "
                                + dataDir
                                + " but its database is not running"));
        DatabaseSecret secret = DatabaseSecret.read(dataDir);
        log.info("Attached to the embedded PostgreSQL of the running server on port {}", port);
        return new EmbeddedDatabase(null, null, null, port, secret);
      }
      Files.writeString(dataDir.resolve(HOLDER_FILE), holder.name() + "\n");
      stopOrphan(pgDir);
      int port = freePort();
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              // The app stops PostgreSQL itself, last: zonky's own hook would run alongside the
              // server's shutdown and cut the database from under requests still finishing.
              .setRegisterShutdownHook(false);
      if (durable) {
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      DatabaseSecret secret = DatabaseSecret.readOrCreate(dataDir);
      // zonky connects as the superuser to see that the server is up.
      builder.setConnectConfig("password", secret.superuserPassword());
      EmbeddedAccess.beforeStart(pgDir);
      EmbeddedPostgres postgres = builder.start();
      try {
        EmbeddedAccess.afterStart(pgDir, port, DATABASE, secret);
      } catch (RuntimeException e) {
        postgres.close();
        throw e;
      }
      return new EmbeddedDatabase(postgres, channel, lock, port, secret);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  /** The role the application connects as: it owns the schema and is not a superuser. */
  public String user() {
    return DatabaseSecret.APP_ROLE;
  }

  public String password() {
    return secret.appPassword();
  }

  /** The holder the lock's owner wrote; a server when unreadable (as before the file existed). */
  private static Holder heldBy(Path dataDir) {
    try {
      return Holder.valueOf(Files.readString(dataDir.resolve(HOLDER_FILE)).strip());
    } catch (IOException | IllegalArgumentException e) {
      return Holder.SERVER;
    }
  }

  /** Whether another process started this database (and stops it). */
  public boolean attached() {
    return postgres == null;
  }

  @Override
  public void close() {
    try {
      if (postgres != null) {
        postgres.close();
      }
      if (lock != null) {
        lock.release();
        lockChannel.close();
      }
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }

  /** Line 1 of postmaster.pid is the pid, line 4 the port. */
  private static Optional<Integer> runningPort(Path pgDir) throws IOException {
    Path pidFile = pgDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.size() < 4) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(lines.get(3).strip()));
  }

  /**
   * A JVM killed with SIGKILL leaves its postmaster running; the next start would wait on the stale
   * postmaster.pid and fail. Nobody holds the lock, so that postmaster is an orphan: stop it.
   */
  static void stopOrphan(Path pgDir) throws IOException {
    Path pidFile = pgDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    long pid = Long.parseLong(lines.get(0).strip());
    Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (orphan.isEmpty()) {
      return;
    }
    if (!isThePostmaster(orphan.get().info(), lines)) {
      // After a reboot or in a new container the number is someone else's (our own JVM's, in a
      // fresh pid namespace): never signal it. The file is stale, and PostgreSQL would refuse to
      // start while a live process has its number.
      log.warn("Removing a stale postmaster.pid (pid {} is not PostgreSQL)", pid);
      Files.delete(pidFile);
      return;
    }
    log.warn("Stopping the orphaned embedded PostgreSQL (pid {}) left by a killed process", pid);
    ProcessHandle process = orphan.get();
    process.destroy();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  /**
   * Whether the process is the PostgreSQL that wrote the file: its program is PostgreSQL's (the
   * path may end in " (deleted)" once the extracted binaries are gone) and it started when the file
   * says (line 3, seconds since the epoch), not another PostgreSQL that has the number since a
   * reboot.
   */
  private static boolean isThePostmaster(ProcessHandle.Info info, List<String> pidFile) {
    if (!info.command().map(c -> c.contains("postgres")).orElse(false)) {
      return false;
    }
    if (pidFile.size() < 3 || info.startInstant().isEmpty()) {
      return true;
    }
    try {
      long written = Long.parseLong(pidFile.get(2).strip());
      return Math.abs(info.startInstant().get().getEpochSecond() - written) <= 60;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
