package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Account;
import vademecum.kernel.Role;
import vademecum.testing.Browser;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;

/**
 * The index is a copy of PostgreSQL and must stay one under real use: several editors change
 * manuals (procedures of 10 and 80 kB, one near the 2 MB limit) while assistants search with every
 * limit and offset, the server restarts between phases, a reindex runs during edits, and Lucene
 * merges segments that hold deletions. After each phase every published procedure is found by its
 * words with exactly what PostgreSQL holds, nothing unpublished is found, every stored document
 * reads back equal, and Lucene's own check finds nothing.
 */
class IndexMirrorTest {
  private static final long PHASE_MILLIS = 12_000;

  @Test
  void the_index_mirrors_the_database_through_edits_restarts_merges_and_concurrent_searches()
      throws Exception {
    Path data = Scratch.directory("vademecum-mirror");
    Path index = data.resolve("index");
    String url = TestDatabase.freshUrl();
    Random random = new Random(20261204);
    MirrorText text = MirrorText.load();
    String token;
    String email;
    MirrorWorkload workload;
    Set<String> mergedBefore = new HashSet<>();
    Set<String> merged = ConcurrentHashMap.newKeySet();
    List<String> report = new ArrayList<>();

    TestApp app = TestApp.start(data, url);
    try {
      workload = new MirrorWorkload(app.app().services(), text);
      workload.setUp(24, true, random);
      Account assistant = app.account(app.workspace(MirrorWorkload.EN), Role.ASSISTANT);
      app.app()
          .services()
          .memberships()
          .addMember(app.workspace(MirrorWorkload.FR), assistant.id(), Role.ASSISTANT, 1);
      email = assistant.email();
      token = app.app().services().tokens().create(assistant.id(), "mirror");
      app.app().indexer().catchUp();
      verify(app, token, workload, random, "set-up");
    } finally {
      app.close();
    }
    mergedBefore.addAll(MirrorCheck.mergedSegments(index));

    for (int phase = 1; phase <= 3; phase++) {
      app = TestApp.start(data, url);
      try {
        // The services of the running node: a restart builds new ones.
        MirrorWorkload now = workload.on(app.app().services());
        Load load = new Load(app, token, email, now, phase == 2);
        // Merges are looked for while the load runs too: under heavy churn a merged segment can
        // have all its documents replaced, and be dropped, before the phase ends.
        var sampling = new AtomicBoolean(true);
        Thread sampler =
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (sampling.get()) {
                        try {
                          merged.addAll(MirrorCheck.mergedSegments(index));
                          Thread.sleep(250);
                        } catch (RuntimeException | InterruptedException e) {
                          // No commit yet, or the index is between files: try again.
                        }
                      }
                    });
        try {
          load.run(PHASE_MILLIS, random.nextLong());
        } finally {
          sampling.set(false);
          sampler.join();
        }
        report.add(
            "phase "
                + phase
                + ": "
                + now.edits.get()
                + " edits, "
                + now.conflicts.get()
                + " conflicts, "
                + load.searches.get()
                + " searches");
        assertTrue(
            load.failures.isEmpty(), "searches during phase " + phase + ": " + load.failures);
        app.app().indexer().catchUp();
        verify(app, token, now, random, "phase " + phase);
      } finally {
        app.close();
      }
      String problems = MirrorCheck.checkIndex(index);
      assertEquals("", problems, "CheckIndex after phase " + phase);
      List<String> stored = MirrorCheck.stored(index, expectedNow(data, url));
      assertEquals(List.of(), stored, "stored documents against PostgreSQL after phase " + phase);
      merged.addAll(MirrorCheck.mergedSegments(index));
    }
    merged.removeAll(mergedBefore);
    System.out.println(String.join("\n", report) + "\nsegments written by merges: " + merged);
    assertFalse(merged.isEmpty(), "segments holding deletions were merged during the phases");
  }

  /** What PostgreSQL publishes, read while no server runs. */
  private static Map<String, SearchDocument> expectedNow(Path data, String url) {
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      return MirrorCheck.expected(services);
    }
  }

  private static void verify(
      TestApp app, String token, MirrorWorkload workload, Random random, String when) {
    Map<String, SearchDocument> expected = MirrorCheck.expected(app.app().services());
    assertTrue(expected.size() > 50, "documents published: " + expected.size());
    List<String> problems =
        MirrorCheck.searches(app.url(""), token, expected, workload.markers, 400, random);
    assertEquals(List.of(), problems, "searches against PostgreSQL after " + when);
    assertEquals(
        expected.size(), app.app().searchIndex().documentCount(), "documents after " + when);
  }

  /** Editors and assistants at work for one phase, over the real server. */
  private static final class Load {
    private final TestApp app;
    private final String token;
    private final String email;
    private final MirrorWorkload workload;
    private final boolean reindex;
    final AtomicLong searches = new AtomicLong();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    Load(TestApp app, String token, String email, MirrorWorkload workload, boolean reindex) {
      this.app = app;
      this.token = token;
      this.email = email;
      this.workload = workload;
      this.reindex = reindex;
    }

    void run(long millis, long seed) throws InterruptedException {
      long end = System.currentTimeMillis() + millis;
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Random random = new Random(seed + i);
        threads.add(
            worker(
                "editor-" + i,
                () -> workload.write(random, () -> System.currentTimeMillis() < end)));
      }
      threads.add(worker("api-search", () -> apiSearches(new Random(seed + 10), end)));
      threads.add(worker("page-search", () -> pageSearches(new Random(seed + 11), end)));
      if (reindex) {
        threads.add(
            worker(
                "reindex",
                () -> {
                  sleep(millis / 3);
                  app.app().indexer().rebuild(0);
                }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }

    private Thread worker(String name, Runnable work) {
      return Thread.ofPlatform()
          .name(name)
          .start(
              () -> {
                try {
                  work.run();
                } catch (RuntimeException | Error e) {
                  failures.add(name + ": " + e);
                }
              });
    }

    private static final String[] WORDS = {
      "code", "équipe", "team", "données", "process", "accès", "the", "public", "review", "projet"
    };

    private void apiSearches(Random random, long end) {
      List<String> markers = new ArrayList<>(workload.markers);
      while (System.currentTimeMillis() < end) {
        String q =
            random.nextBoolean()
                ? markers.get(random.nextInt(markers.size()))
                : WORDS[random.nextInt(WORDS.length)];
        int limit = 1 + random.nextInt(100);
        int offset = random.nextInt(4) == 0 ? random.nextInt(60) : 0;
        HttpResponse<String> response = MirrorCheck.get(app.url(""), token, q, limit, offset);
        searches.incrementAndGet();
        if (response.statusCode() != 200) {
          failures.add("GET " + q + " limit " + limit + ": " + response.statusCode());
        }
      }
    }

    private void pageSearches(Random random, long end) {
      Browser browser = app.browser();
      browser.login(email, TestApp.PASSWORD);
      while (System.currentTimeMillis() < end) {
        String q = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
        var response = browser.get("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        searches.incrementAndGet();
        if (response.statusCode() != 200) {
          failures.add("page " + q + ": " + response.statusCode());
        }
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
