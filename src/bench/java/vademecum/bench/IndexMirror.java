package vademecum.bench;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.search.MirrorCheck;
import vademecum.search.MirrorText;
import vademecum.search.MirrorWorkload;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;
import vademecum.testing.TestDatabase;

/**
 * The index-mirror check of {@code IndexMirrorTest} at full size: 100,000 procedures, editors
 * working for minutes while assistants search the server over HTTP, and the server killed with
 * SIGKILL at random moments and started again. After each round the writers pause and the index
 * must converge on PostgreSQL: every published marker found with what PostgreSQL holds, nothing
 * unpublished found, every stored document equal to its published text. Prints the figures.
 *
 * <p>MAVEN_OPTS=-Xmx3g ./mvnw -q -Pbench test-compile exec:java
 * -Dexec.mainClass=vademecum.bench.IndexMirror -Dexec.args="100000 10" (procedures, minutes)
 */
public final class IndexMirror {
  private IndexMirror() {}

  public static void main(String[] args) throws Exception {
    int procedures = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Random random = new Random(20261204);
    Path data = Scratch.directory("vademecum-mirror-bench");
    String url = TestDatabase.freshUrl();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      Workspace synthetic = services.workspaces().getOrCreate("synthetic", "Synthetic");
      System.out.printf("== %d procedures of synthetic manuals …%n", procedures);
      SearchBenchmark.generate(services, synthetic, procedures);
      MirrorWorkload workload = new MirrorWorkload(services, MirrorText.load());
      workload.setUp(60, true, random);
      Account assistant =
          services
              .accounts()
              .create("mirror@bench.example", "Mirror", "en", "correct horse battery", false, null);
      for (String slug : List.of(MirrorWorkload.EN, MirrorWorkload.FR, "synthetic")) {
        services
            .memberships()
            .addMember(
                services.workspaces().findBySlug(slug).orElseThrow(),
                assistant.id(),
                Role.ASSISTANT,
                Actor.SYSTEM.accountId());
      }
      String token = services.tokens().create(assistant.id(), "mirror");
      run(data, port, url, services, workload, token, minutes, random);
    }
  }

  private static void run(
      Path data,
      int port,
      String url,
      App.Services services,
      MirrorWorkload workload,
      String token,
      int minutes,
      Random random)
      throws Exception {
    String base = "http://localhost:" + port;
    long end = System.nanoTime() + minutes * 60_000_000_000L;
    AtomicLong searches = new AtomicLong();
    AtomicLong serverErrors = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long mismatches = 0;
    int kills = 0;
    List<Long> convergence = new ArrayList<>();
    List<String> server = List.of("-Xmx1g");
    ServerProcess node = ServerProcess.start(data, port, url, server, "--no-samples");
    while (System.nanoTime() < end) {
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Random seed = new Random(random.nextLong());
        threads.add(Thread.ofPlatform().start(() -> workload.write(seed, running::get)));
      }
      for (int i = 0; i < 4; i++) {
        Random seed = new Random(random.nextLong());
        threads.add(
            Thread.ofPlatform()
                .start(
                    () ->
                        search(
                            base,
                            token,
                            workload,
                            seed,
                            running,
                            searches,
                            serverErrors,
                            refused)));
      }
      // Work, then a crash at a random moment, and a restart while the editors go on.
      Thread.sleep(10_000 + random.nextInt(30_000));
      node.kill();
      kills++;
      node = ServerProcess.start(data, port, url, server, "--no-samples");
      Thread.sleep(5_000);
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
      long quiet = System.nanoTime();
      List<String> problems = converge(base, token, services, workload, random);
      convergence.add((System.nanoTime() - quiet) / 1_000_000);
      // The stored documents of the last commit: the indexer commits within a second of a change.
      Thread.sleep(2_000);
      problems.addAll(MirrorCheck.stored(data.resolve("index"), MirrorCheck.expected(services)));
      mismatches += problems.size();
      problems.stream().limit(10).forEach(p -> System.out.println("   mismatch: " + p));
      System.out.printf(
          "   round %d: %d edits, %d searches, %d 5xx, %d refused while down, %d mismatches, converged in %d ms%n",
          kills,
          workload.edits.get(),
          searches.get(),
          serverErrors.get(),
          refused.get(),
          problems.size(),
          convergence.getLast());
    }
    node.terminate(60);
    String check = MirrorCheck.checkIndex(data.resolve("index"));
    System.out.printf(
        "%n== %d SIGKILLs in %d min: %d edits (%d conflicts), %d searches, %d answered 5xx, %d mismatches; CheckIndex: %s%n",
        kills,
        minutes,
        workload.edits.get(),
        workload.conflicts.get(),
        searches.get(),
        serverErrors.get(),
        mismatches,
        check.isEmpty() ? "clean" : check);
    System.out.printf("   convergence after the writers stop (ms): %s%n", convergence);
  }

  /**
   * Waits up to a minute for the index to agree with PostgreSQL; what still differs is returned.
   */
  private static List<String> converge(
      String base, String token, App.Services services, MirrorWorkload workload, Random random)
      throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      List<String> problems =
          MirrorCheck.searches(
              base, token, MirrorCheck.expected(services), workload.markers, 300, random);
      if (problems.isEmpty() || System.nanoTime() > deadline) {
        return new ArrayList<>(problems);
      }
      Thread.sleep(500);
    }
  }

  private static final String[] WORDS = {
    "réserver vol",
    "facture",
    "calendar meeting",
    "accès",
    "expense report",
    "rapprochement",
    "the",
    "équipe"
  };

  private static void search(
      String base,
      String token,
      MirrorWorkload workload,
      Random random,
      AtomicBoolean running,
      AtomicLong searches,
      AtomicLong serverErrors,
      AtomicLong refused) {
    List<String> markers = new ArrayList<>(workload.markers);
    while (running.get()) {
      String q =
          random.nextBoolean()
              ? markers.get(random.nextInt(markers.size()))
              : WORDS[random.nextInt(WORDS.length)];
      try {
        HttpResponse<String> response =
            MirrorCheck.get(
                base,
                token,
                q,
                1 + random.nextInt(100),
                random.nextInt(4) == 0 ? random.nextInt(60) : 0);
        searches.incrementAndGet();
        if (response.statusCode() >= 500) {
          serverErrors.incrementAndGet();
          System.out.println("   5xx for " + q + ": " + response.body());
        }
      } catch (RuntimeException e) {
        // The server is down between a kill and its restart.
        refused.incrementAndGet();
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }
}
