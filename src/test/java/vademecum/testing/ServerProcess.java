package vademecum.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Vademecum server as it is run in production: {@code serve} in a JVM of its own, so that a test
 * can kill it (SIGKILL) or stop it (SIGTERM) like an operator or a crash would.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Deque<String> lastLines = new ArrayDeque<>();

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a node on a free port and waits until it serves.
   *
   * @param databaseUrl an external PostgreSQL (user postgres), or null for the embedded one
   * @param jvmOptions heap sizes and the like, before the main class
   */
  public static ServerProcess start(
      Path data, String databaseUrl, List<String> jvmOptions, String... extraArgs) {
    return start(data, freePort(), databaseUrl, jvmOptions, Map.of(), extraArgs);
  }

  /** On a given port: a restarted node keeps its address. */
  public static ServerProcess start(
      Path data, int port, String databaseUrl, List<String> jvmOptions, String... extraArgs) {
    return start(data, port, databaseUrl, jvmOptions, Map.of(), extraArgs);
  }

  /**
   * With settings of its own.
   *
   * @param settings {@code VADEMECUM_*} variables added to this process's environment
   */
  public static ServerProcess start(
      Path data,
      int port,
      String databaseUrl,
      List<String> jvmOptions,
      Map<String, String> settings,
      String... extraArgs) {
    List<String> command = new ArrayList<>(List.of(ChildJvm.java()));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            ChildJvm.classPath(),
            "vademecum.cli.Main",
            "serve",
            "--port",
            String.valueOf(port),
            "--data",
            data.toString()));
    if (databaseUrl != null) {
      command.addAll(List.of("--database-url", databaseUrl));
    }
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (databaseUrl != null) {
      builder.environment().put("VADEMECUM_DATABASE_USER", "postgres");
    }
    builder.environment().putAll(settings);
    try {
      ServerProcess server = new ServerProcess(builder.start(), port);
      server.awaitRunning();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitRunning() throws IOException {
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      remember(line);
      if (line.startsWith("Stop with Ctrl+C")) {
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    for (String l = output.readLine(); l != null; l = output.readLine()) {
                      remember(l);
                    }
                  } catch (IOException ignored) {
                    // the process ended
                  }
                });
        return;
      }
    }
    throw new IllegalStateException("The server did not start:\n" + output());
  }

  private synchronized void remember(String line) {
    lastLines.addLast(line);
    if (lastLines.size() > 200) {
      lastLines.removeFirst();
    }
  }

  /** The last lines the server printed, for failure messages. */
  public synchronized String output() {
    return String.join("\n", lastLines);
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs, as in a crash or an out-of-memory kill. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM: the server's shutdown hook stops it cleanly. */
  public boolean terminate(long timeoutSeconds) {
    process.destroy();
    try {
      return process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  private void waitFor() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the server as an operator would (SIGTERM), killing it only if it has not stopped within
   * 30 s: a SIGKILL leaves its embedded PostgreSQL running, orphaned, after the test.
   */
  @Override
  public void close() {
    if (process.isAlive() && !terminate(30)) {
      kill();
    }
  }
}
