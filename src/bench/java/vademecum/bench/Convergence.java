package vademecum.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;
import vademecum.testing.TestDatabase;

/**
 * Cross-node convergence: two nodes (JVMs of their own) on one embedded PostgreSQL; publishes go
 * through node A at a steady rate, each with a word of its own, and node B's search API is asked
 * until it finds the word. Prints the delay from A's answer to B's first hit (median, p99, max),
 * with PostgreSQL notifications (the default) and, as the peer, with the indexer's poll alone.
 *
 * <p>{@code ./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.Convergence
 * -Dexec.args="SECONDS PUBLISHES_PER_SECOND"} (default 30 s at 5 publishes/s).
 */
public final class Convergence {
  private static final int MANUALS = 10;
  private static final long POLL_NANOS = 5_000_000;
  private static final long WARM_UP_NANOS = 10_000_000_000L;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    System.out.printf(
        "Cross-node convergence: %d s at %.1f publishes/s through node A, searched on node B every"
            + " %d ms%n",
        seconds, rate, POLL_NANOS / 1_000_000);
    for (boolean notifications : List.of(true, false)) {
      Latencies delays = run(seconds, rate, notifications);
      System.out.printf(
          "%-34s %4d publishes  median %7.1f ms  p99 %7.1f ms  max %7.1f ms%n",
          notifications ? "LISTEN/NOTIFY + watermark poll" : "watermark poll alone (peer)",
          delays.count(),
          delays.percentileMillis(50),
          delays.percentileMillis(99),
          delays.percentileMillis(100));
    }
    System.exit(0);
  }

  private static Latencies run(int seconds, double rate, boolean notifications) throws Exception {
    String url = TestDatabase.emptyUrl();
    String token;
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      Workspace workspace = services.workspaces().getOrCreate("agence", "Agence Dupont");
      Account editor =
          services
              .accounts()
              .create(
                  "editor@bench.example", "Éditrice", "fr", "correct horse battery", false, null);
      services
          .memberships()
          .addMember(workspace, editor.id(), Role.EDITOR, Actor.SYSTEM.accountId());
      token = services.tokens().create(editor.id(), "convergence");
      for (int i = 0; i < MANUALS; i++) {
        services
            .manuals()
            .create(
                workspace,
                new Draft(
                    "Manuel " + i,
                    "fr",
                    List.of(),
                    "",
                    "## Étape\nTexte.\n",
                    null,
                    "",
                    false,
                    true),
                null,
                Actor.SYSTEM);
      }
    }
    Map<String, String> settings =
        Map.of("VADEMECUM_SEARCH_NOTIFICATIONS", String.valueOf(notifications));
    try (ServerProcess a =
            ServerProcess.start(
                Scratch.directory("conv-a"),
                ServerProcess.freePort(),
                url,
                List.of(),
                settings,
                "--no-samples");
        ServerProcess b =
            ServerProcess.start(
                Scratch.directory("conv-b"),
                ServerProcess.freePort(),
                url,
                List.of(),
                settings,
                "--no-samples")) {
      Thread.sleep(2000); // both indexes built
      Latencies delays = new Latencies();
      AtomicInteger errors = new AtomicInteger();
      AtomicInteger words = new AtomicInteger();
      // The first seconds warm both JVMs up (compilation of the save and index paths); they
      // are run but not measured.
      long measureFrom = System.nanoTime() + WARM_UP_NANOS;
      long end = measureFrom + seconds * 1_000_000_000L;
      long interval = (long) (MANUALS * 1_000_000_000L / rate);
      List<Thread> editors = new ArrayList<>();
      // One editor per manual, each publishing every MANUALS / rate seconds, staggered: the whole
      // is a steady stream of `rate` publishes a second.
      for (int m = 0; m < MANUALS; m++) {
        int manual = m;
        editors.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try (RawHttp toA = new RawHttp("localhost", a.port());
                          RawHttp toB = new RawHttp("localhost", b.port())) {
                        long next = System.nanoTime() + manual * interval / MANUALS;
                        int base = 1;
                        while (next < end) {
                          sleepUntil(next);
                          next += interval;
                          String word = word(words.incrementAndGet());
                          String body =
                              "{\"title\":\"Manuel %d\",\"language\":\"fr\",\"markdown\":\"## Étape\\nTexte %s.\\n\",\"base\":%d,\"publish\":true}"
                                  .formatted(manual, word, base);
                          RawHttp.Response saved =
                              toA.send(
                                  "POST",
                                  "/api/v1/workspaces/agence/manuals/manuel-"
                                      + manual
                                      + "/revisions",
                                  body.getBytes(StandardCharsets.UTF_8),
                                  "Authorization: Bearer " + token,
                                  "Content-Type: application/json");
                          long answered = System.nanoTime();
                          if (saved.status() / 100 != 2) {
                            errors.incrementAndGet();
                            continue;
                          }
                          base++;
                          while (true) {
                            RawHttp.Response found =
                                toB.get(
                                    "/api/v1/search?q=" + word, "Authorization: Bearer " + token);
                            if (found.text().contains(word)) {
                              if (answered > measureFrom) {
                                delays.add(System.nanoTime() - answered);
                              }
                              break;
                            }
                            if (System.nanoTime() - answered > 10_000_000_000L) {
                              errors.incrementAndGet();
                              break;
                            }
                            sleepUntil(System.nanoTime() + POLL_NANOS);
                          }
                        }
                      } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println(e);
                      }
                    }));
      }
      for (Thread editor : editors) {
        editor.join();
      }
      if (errors.get() > 0) {
        System.out.println("  errors: " + errors.get() + "\n" + a.output());
      }
      return delays;
    }
  }

  /** A word no analyser splits or stems away and no other publish uses: "zqb", "zqc"… */
  private static String word(int n) {
    StringBuilder word = new StringBuilder("zq");
    for (int rest = n; rest > 0; rest /= 26) {
      word.append((char) ('a' + rest % 26));
    }
    return word.append("xw").toString();
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long wait = deadline - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
