package vademecum.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;
import vademecum.testing.TestDatabase;

/**
 * Resident memory of the server as it is run: {@code serve} in a JVM of its own with the launcher
 * script's options (then, for comparison, with none: the JVM's defaults on this machine), over a
 * database of N synthetic procedures. Prints the resident size once the index is built from
 * scratch, then the highest and last sizes seen every second during a minute of searches and manual
 * reads.
 *
 * <p>{@code ./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.MemoryCheck
 * -Dexec.args=100000}
 */
public final class MemoryCheck {
  private static final int CLIENTS = 8;

  public static void main(String[] args) throws Exception {
    int target = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    String url = TestDatabase.freshUrl();
    String token;
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      Workspace synthetic = services.workspaces().getOrCreate("synthetic", "Synthetic");
      long started = System.nanoTime();
      SearchBenchmark.generate(services, synthetic, target);
      System.out.printf(
          "generated %d procedures in %d s%n",
          SearchBenchmark.countProcedures(database),
          (System.nanoTime() - started) / 1_000_000_000L);
      Account reader =
          services
              .accounts()
              .create(
                  "reader@bench.example", "Lectrice", "fr", "correct horse battery", false, null);
      services
          .memberships()
          .addMember(synthetic, reader.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
      token = services.tokens().create(reader.id(), "memory");
    }
    // Other JVM options to compare, "|"-separated (-Dmemory.options="-Xmx256m|-XX:+UseSerialGC").
    List<List<String>> variants = new ArrayList<>();
    variants.add(launcherDefaults());
    variants.add(List.of()); // the JVM's own defaults, for comparison
    for (String variant : System.getProperty("memory.options", "").split("\\|")) {
      if (!variant.isBlank()) {
        variants.add(List.of(variant.strip().split("\\s+")));
      }
    }
    for (List<String> options : variants) {
      System.out.printf(
          "%nserver JVM options: %s%n", options.isEmpty() ? "none (JVM defaults)" : options);
      measure(url, token, options, seconds);
    }
    System.exit(0);
  }

  private static void measure(String url, String token, List<String> options, int seconds)
      throws Exception {
    Path data = Scratch.directory("memory-check");
    long started = System.nanoTime();
    try (ServerProcess server = ServerProcess.start(data, url, options, "--no-samples")) {
      while (!server.output().contains("Search index rebuilt")) {
        Thread.sleep(200);
      }
      System.out.printf(
          "index built from scratch in %d s; resident %d MB%n",
          (System.nanoTime() - started) / 1_000_000_000L, residentMb(server.pid(), "VmRSS"));
      List<String> slugs = new ArrayList<>();
      try (RawHttp client = new RawHttp("localhost", server.port())) {
        Matcher slug =
            Pattern.compile("\"slug\":\"([^\"]+)\"")
                .matcher(
                    client
                        .get(
                            "/api/v1/workspaces/synthetic/manuals",
                            "Authorization: Bearer " + token)
                        .text());
        while (slug.find()) {
          slugs.add(slug.group(1));
        }
      }
      SyntheticManuals vocabulary = new SyntheticManuals(7);
      List<String> queries = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        queries.add(URLEncoder.encode(vocabulary.query(), StandardCharsets.UTF_8));
      }
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      AtomicInteger requests = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try (RawHttp http = new RawHttp("localhost", server.port())) {
                        for (int i = client; System.nanoTime() < end; i += CLIENTS) {
                          String path =
                              i % 3 == 0
                                  ? "/api/v1/workspaces/synthetic/manuals/"
                                      + slugs.get(i % slugs.size())
                                  : "/api/v1/search?q=" + queries.get(i % queries.size());
                          if (http.get(path, "Authorization: Bearer " + token).status() != 200) {
                            errors.incrementAndGet();
                          }
                          requests.incrementAndGet();
                        }
                      } catch (Exception e) {
                        errors.incrementAndGet();
                      }
                    }));
      }
      AtomicLong highest = new AtomicLong();
      while (System.nanoTime() < end) {
        highest.accumulateAndGet(residentMb(server.pid(), "VmRSS"), Math::max);
        Thread.sleep(1000);
      }
      for (Thread client : clients) {
        client.join();
      }
      System.out.printf(
          "%d s of searches and manual reads (%d clients): %d requests, %d errors%n",
          seconds, CLIENTS, requests.get(), errors.get());
      System.out.printf(
          "resident: highest sampled %d MB, last %d MB, peak (VmHWM) %d MB; index on disk %d MB%n",
          highest.get(),
          residentMb(server.pid(), "VmRSS"),
          residentMb(server.pid(), "VmHWM"),
          sizeMb(data.resolve("index")));
      if (String.join(" ", options).contains("NativeMemoryTracking")) {
        // Where the memory outside the heap goes, as the JVM itself counts it.
        Process jcmd =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.pid()),
                    "VM.native_memory",
                    "summary",
                    "scale=MB")
                .redirectErrorStream(true)
                .start();
        new String(jcmd.getInputStream().readAllBytes())
            .lines()
            .filter(l -> l.contains("committed=") && l.startsWith("-") || l.startsWith("Total"))
            .forEach(l -> System.out.println("   " + l.strip()));
      }
      server.terminate(60);
    }
  }

  /** The JVM options of the launcher script (target/vademecum), read from its source. */
  static List<String> launcherDefaults() throws IOException {
    Matcher line =
        Pattern.compile("DEFAULT_JAVA_OPTS=\"([^\"]*)\"")
            .matcher(Files.readString(Path.of("src/main/dist/vademecum")));
    if (!line.find()) {
      throw new IllegalStateException("no DEFAULT_JAVA_OPTS in src/main/dist/vademecum");
    }
    return List.of(line.group(1).strip().split("\\s+"));
  }

  /** A line of /proc/PID/status, in MB. */
  private static long residentMb(long pid, String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  private static long sizeMb(Path directory) throws Exception {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum()
          / (1024 * 1024);
    }
  }
}
