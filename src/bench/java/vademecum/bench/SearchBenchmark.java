package vademecum.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.ChildJvm;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;

/**
 * Search speed against its peer, PostgreSQL full-text search (to_tsvector french/english, GIN
 * index, ts_rank), on the same documents and the same queries in the same run: at the size of the
 * real corpora, then at a target number of procedures (default 100,000) made of synthetic manuals.
 * Also prints full reindex time, save-to-searchable delay, and HTTP /api/v1/search latency with 16
 * concurrent clients; at the target size, the in-process searches once more in a JVM that opens the
 * index and only searches.
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.SearchBenchmark
 * [-Dexec.args=100000]
 */
public final class SearchBenchmark {
  private static final int CLIENTS = 16;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--measure")) {
      measure(args);
      return;
    }
    if (args.length > 0 && args[0].equals("--search-only")) {
      searchOnly(args);
      return;
    }
    int target = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    System.out.printf(
        "machine: %d cores, %s, Java %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version"));
    Path data = Scratch.directory("search-bench");
    String url = TestDatabase.freshUrl();
    List<String> queries = new ArrayList<>();
    Set<String> workspaces = new TreeSet<>();
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      if (Files.isDirectory(Corpora.ROOT)) {
        for (Corpora.Corpus corpus : Corpora.ALL) {
          Corpora.load(services, corpus);
          workspaces.add(corpus.name());
          Corpora.queries(corpus).forEach(q -> queries.add(q.text()));
        }
        System.out.println();
        inFreshJvm(url, data.resolve("index-corpora"), queries, workspaces, "real corpora", false);
      }
      Workspace synthetic = services.workspaces().getOrCreate("synthetic", "Synthetic");
      workspaces.add("synthetic");
      int procedures = generate(services, synthetic, target - countProcedures(database));
      System.out.printf("%ngenerated %d synthetic procedures%n", procedures);
      SyntheticManuals vocabulary = new SyntheticManuals(7);
      for (int i = 0; i < 60; i++) {
        queries.add(vocabulary.query());
      }
      inFreshJvm(
          url,
          data.resolve("index-full"),
          queries,
          workspaces,
          countProcedures(database) + " procedures",
          true);
    }
    System.exit(0);
  }

  /**
   * Measures in a new JVM with a fixed heap, so that the garbage of generating 100,000 procedures
   * and the JIT state of the import do not land in the slowest 1 % of searches.
   */
  private static void inFreshJvm(
      String url,
      Path indexPath,
      List<String> queries,
      Set<String> workspaces,
      String label,
      boolean http)
      throws Exception {
    Path queryFile = Files.createTempFile("queries", ".txt");
    Files.write(queryFile, queries);
    String java = ChildJvm.java();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xms" + HEAP,
                "-Xmx" + HEAP,
                "-XX:+AlwaysPreTouch",
                // The request log's level, as this JVM was given it (README: off while measuring).
                "-Dvademecum.requestLog=" + System.getProperty("vademecum.requestLog", "INFO"),
                "--enable-native-access=ALL-UNNAMED",
                "--add-modules=jdk.incubator.vector",
                "-cp",
                ChildJvm.classPath(),
                SearchBenchmark.class.getName(),
                "--measure",
                url,
                indexPath.toString(),
                queryFile.toString(),
                String.join(",", workspaces),
                label,
                String.valueOf(http)));
    run(command);
    if (http) {
      command.set(command.indexOf("--measure"), "--search-only");
      run(command);
    }
  }

  private static void run(List<String> command) throws Exception {
    Process child = new ProcessBuilder(command).inheritIO().start();
    if (child.waitFor() != 0) {
      throw new IllegalStateException("measuring JVM failed with " + child.exitValue());
    }
  }

  private static final String HEAP = "1g";

  private static void measure(String[] args) throws Exception {
    String url = args[1];
    Path indexPath = Path.of(args[2]);
    List<String> queries = Files.readAllLines(Path.of(args[3]));
    Set<String> workspaces = Set.of(args[4].split(","));
    String label = args[5];
    boolean http = Boolean.parseBoolean(args[6]);
    System.out.printf(
        "(measuring in a fresh JVM, heap %d MB)%n", Runtime.getRuntime().maxMemory() >> 20);
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      compare(database, services, indexPath, queries, workspaces, label);
    }
    if (http) {
      overHttp(indexPath.resolveSibling("app"), url, queries, workspaces);
    }
    System.exit(0);
  }

  private static void compare(
      Database database,
      App.Services services,
      Path indexPath,
      List<String> queries,
      Set<String> workspaces,
      String label)
      throws Exception {
    try (SearchIndex index = new SearchIndex(indexPath)) {
      long started = System.nanoTime();
      new SearchIndexer(services.database().dsl(), services.search(), services.markdown(), index)
          .rebuild(0);
      double reindexSeconds = (System.nanoTime() - started) / 1e9;
      // The rebuild leaves hundreds of megabytes of garbage in the old generation; a server that
      // rebuilt at start collected it long before. Searches are measured from a collected heap,
      // not during the marking and mixed collections it would otherwise bring on both cores.
      System.gc();
      Ours measured = ourSearches(new Searcher(index), queries, workspaces);
      Relaxed relaxed = relaxedSearches(new Searcher(index), queries, workspaces);
      Latencies ours = measured.plain();
      Latencies withCounts = measured.withCounts();
      Map<String, Latencies> perQuery = measured.perQuery();
      createPeer(database);
      Latencies peer = postgresFullText(database, queries, workspaces, false);
      Latencies peerWithSnippets = postgresFullText(database, queries, workspaces, true);
      dropPeer(database);
      System.out.printf("== %s: %d documents in the index%n", label, index.documentCount());
      System.out.printf("   full reindex                 %.1f s%n", reindexSeconds);
      System.out.printf("   Vademecum (Lucene) search    %s%n", ours.summary());
      System.out.printf(
          "     … with counts per workspace and manual (results page) %s%n", withCounts.summary());
      System.out.printf(
          "     … needing relaxing (the same first words with a word no procedure holds: a second"
              + " search, a count per word, a spelling suggestion; %d of %d relaxed) %s%n",
          relaxed.relaxed(), relaxed.searches(), relaxed.latencies().summary());
      System.out.printf("   PostgreSQL full-text search  %s%n", peer.summary());
      System.out.printf(
          "     … with ts_headline snippets for the top 10 (what Vademecum returns) %s%n",
          peerWithSnippets.summary());
      System.out.printf(
          "   ratio at p99: PostgreSQL is %.1fx slower, %.1fx with snippets%n",
          peer.percentileMillis(99) / ours.percentileMillis(99),
          peerWithSnippets.percentileMillis(99) / ours.percentileMillis(99));
      System.out.println("   Vademecum's slowest queries (median):");
      perQuery.entrySet().stream()
          .sorted(
              (a, b) ->
                  Double.compare(
                      b.getValue().percentileMillis(50), a.getValue().percentileMillis(50)))
          .limit(5)
          .forEach(
              e ->
                  System.out.printf(
                      "     %6.2f ms  %s%n", e.getValue().percentileMillis(50), e.getKey()));
    }
  }

  private record Ours(Latencies plain, Latencies withCounts, Map<String, Latencies> perQuery) {}

  private record Relaxed(Latencies latencies, int relaxed, int searches) {}

  /**
   * Searches that must be relaxed: each query's first word with a made-up word beside it, which no
   * procedure holds, so that every word together finds nothing (as the API searches).
   */
  private static Relaxed relaxedSearches(
      Searcher searcher, List<String> queries, Set<String> workspaces) {
    List<String> relaxing = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      String first = queries.get(i).strip().split("\\s+")[0];
      relaxing.add(first + " zqxwvk" + (char) ('a' + i % 26) + " ");
    }
    long warmUntil = System.nanoTime() + WARM_UP.toNanos() / 2;
    while (System.nanoTime() < warmUntil) {
      for (String q : relaxing) {
        searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), false);
      }
    }
    Latencies latencies = new Latencies();
    int relaxed = 0;
    int searches = 0;
    int rounds = Math.max(4000 / relaxing.size(), 10);
    for (int round = 0; round < rounds; round++) {
      for (String q : relaxing) {
        long t = System.nanoTime();
        var results =
            searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), false);
        latencies.add(System.nanoTime() - t);
        searches++;
        if (results.relaxed()) {
          relaxed++;
        }
      }
    }
    return new Relaxed(latencies, relaxed, searches);
  }

  /** Each query searched as the API does (top 10) and as the results page does (with counts). */
  /** How long searches run unmeasured before the measured rounds, ours and PostgreSQL's. */
  private static final Duration WARM_UP = Duration.ofSeconds(10);

  private static Ours ourSearches(Searcher searcher, List<String> queries, Set<String> workspaces) {
    Latencies ours = new Latencies();
    Latencies withCounts = new Latencies();
    int rounds = Math.max(4000 / queries.size(), 10);
    // A server runs for days: the JIT is given time to compile the search path before anything
    // is measured. With 5 rounds its late compilations landed in the p99; after 25 rounds
    // (about 3 s) a probe still measured the next rotations' p99 15-30 % above later ones.
    long warmUntil = System.nanoTime() + WARM_UP.toNanos();
    while (System.nanoTime() < warmUntil) {
      for (String q : queries) {
        searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), false);
        searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), true);
      }
    }
    // Each kind in a rotation of its own, as PostgreSQL's are: interleaved, every search began
    // with the previous query's full count in the caches instead of its own data.
    Map<String, Latencies> perQuery = new HashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String q : queries) {
        long t = System.nanoTime();
        searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), false);
        ours.add(System.nanoTime() - t);
        perQuery.computeIfAbsent(q, k -> new Latencies()).add(System.nanoTime() - t);
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (String q : queries) {
        long t = System.nanoTime();
        searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), true);
        withCounts.add(System.nanoTime() - t);
      }
    }
    return new Ours(ours, withCounts, perQuery);
  }

  /**
   * The same searches in a JVM that opens the index built by the previous one and only searches:
   * the JIT compiles the search path for searching alone, not after a rebuild ran the same Lucene
   * code (terms, postings) for writing and merging.
   */
  private static void searchOnly(String[] args) throws Exception {
    List<String> queries = Files.readAllLines(Path.of(args[3]));
    Set<String> workspaces = Set.of(args[4].split(","));
    try (SearchIndex index = new SearchIndex(Path.of(args[2]))) {
      Ours measured = ourSearches(new Searcher(index), queries, workspaces);
      System.out.printf(
          "== in-process search in a fresh JVM that has only searched (same index, %d documents)%n",
          index.documentCount());
      System.out.printf("   Vademecum (Lucene) search    %s%n", measured.plain().summary());
      System.out.printf(
          "     … with counts per workspace and manual (results page) %s%n",
          measured.withCounts().summary());
    }
    System.exit(0);
  }

  /** The peer: one tsvector per published procedure, French or English configuration, GIN. */
  private static void createPeer(Database database) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("drop table if exists bench_fts");
      statement.execute(
          """
          create table bench_fts as
          select p.id, w.slug as workspace, pv.title, pv.markdown as body, c.cfg,
                 setweight(to_tsvector(c.cfg, pv.title), 'A') || setweight(to_tsvector(c.cfg, pv.markdown), 'B') as tsv
          from procedure p
          join procedure_version pv on pv.id = p.current_version_id
          join manual m on m.id = p.manual_id
          join workspace w on w.id = m.workspace_id
          cross join lateral (select (case m.language when 'fr' then 'french' else 'english' end)::regconfig as cfg) c
          """);
      statement.execute("create index bench_fts_tsv on bench_fts using gin (tsv)");
      statement.execute("analyze bench_fts");
    }
  }

  private static void dropPeer(Database database) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("drop table bench_fts");
    }
  }

  /**
   * Top 10 by ts_rank among the reader's workspaces; with {@code snippets}, also ts_headline of
   * each hit's body, which is what a search result shows.
   */
  private static Latencies postgresFullText(
      Database database, List<String> queries, Set<String> workspaces, boolean snippets)
      throws Exception {
    try (Connection connection = database.dataSource().getConnection()) {
      Latencies latencies = new Latencies();
      String top =
          """
          select id, title, %s ts_rank(tsv, q) as rank
          from bench_fts, (select websearch_to_tsquery('french', ?) || websearch_to_tsquery('english', ?) as q) query
          where tsv @@ q and workspace = any(?)
          order by rank desc limit 10
          """;
      String sql =
          snippets
              ? "select id, title, ts_headline(cfg, body, q, 'MaxWords=35, MinWords=15') from ("
                  + top.formatted("body, cfg, q,")
                  + ") top order by rank desc"
              : top.formatted("");
      try (PreparedStatement search = connection.prepareStatement(sql)) {
        Array allowed = connection.createArrayOf("varchar", workspaces.toArray());
        // As many searches as Vademecum's: a p99 over 600 samples was one query's luck. The
        // same unmeasured warm-up as ours first (caches, the driver's code, PostgreSQL's plans).
        int rounds = Math.max(4000 / queries.size(), 10);
        long warmUntil = System.nanoTime() + WARM_UP.toNanos();
        for (int round = 0; round < rounds; ) {
          boolean measured = System.nanoTime() >= warmUntil;
          for (String q : queries) {
            long t = System.nanoTime();
            search.setString(1, q);
            search.setString(2, q);
            search.setArray(3, allowed);
            try (ResultSet rows = search.executeQuery()) {
              while (rows.next()) {
                rows.getString(2);
              }
            }
            if (measured) {
              latencies.add(System.nanoTime() - t);
            }
          }
          if (measured) {
            round++;
          }
        }
      }
      return latencies;
    }
  }

  static int countProcedures(Database database) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "select count(*) from procedure where current_version_id is not null")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Publishes synthetic manuals through the real service until {@code wanted} procedures exist. */
  static int generate(App.Services services, Workspace workspace, int wanted) throws Exception {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int seed = w;
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    SyntheticManuals generator = new SyntheticManuals(1000 + seed);
                    while (made.get() < wanted) {
                      var manual = generator.next(next.getAndIncrement());
                      services
                          .manuals()
                          .create(
                              workspace,
                              new Draft(
                                  manual.title(),
                                  manual.language(),
                                  List.of("synthetic"),
                                  "",
                                  manual.markdown(),
                                  null,
                                  "",
                                  false,
                                  true),
                              null,
                              Actor.SYSTEM);
                      int total = made.addAndGet(manual.procedures());
                      if (total / 10_000 != (total - manual.procedures()) / 10_000) {
                        System.out.printf(
                            "   … %d procedures (%.0f s)%n",
                            total, (System.nanoTime() - started) / 1e9);
                      }
                    }
                  }));
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return Math.max(0, made.get());
  }

  /** The app itself on this database: HTTP search under 16 clients, and save-to-searchable. */
  private static void overHttp(Path data, String url, List<String> queries, Set<String> workspaces)
      throws Exception {
    try (TestApp app = TestApp.start(data, url)) {
      var services = app.app().services();
      long waitStart = System.nanoTime();
      int expected = 0;
      while (app.app().searchIndex().documentCount() == 0
          || System.nanoTime() - waitStart < 1_000_000_000L) {
        Thread.sleep(200);
        int count = app.app().searchIndex().documentCount();
        if (count > 0 && count == expected) {
          break;
        }
        expected = count;
      }
      // The rebuild at start ends with a merge into one segment: measuring during it would
      // measure the merge.
      while (app.app().searchIndex().segmentCount() > 1
          && System.nanoTime() - waitStart < 120_000_000_000L) {
        Thread.sleep(200);
      }
      // As in process: the start-up rebuild's garbage is collected before the load, not
      // during it (client and server share this JVM).
      System.gc();
      var account = app.account(null, null);
      for (String slug : workspaces) {
        services
            .memberships()
            .addMember(
                services.workspaces().findBySlug(slug).orElseThrow(),
                account.id(),
                Role.ASSISTANT,
                Actor.SYSTEM.accountId());
      }
      String token = services.tokens().create(account.id(), "bench");
      int documents = app.app().searchIndex().documentCount();
      URI base = URI.create(app.url("/"));
      System.out.printf(
          "%n== HTTP GET /api/v1/search, %d documents, client and server on these cores%n",
          documents);
      // Back to back: each client sends its next search as soon as the answer arrives, so the
      // machine is saturated and latency is mostly queueing (Little's law: 16 / throughput).
      // This JVM has only searched in process so far: Jetty, JSON and the API's path compile
      // during the first seconds of load, and a first reading taken then was up to twice the
      // next one. One back-to-back load is run first and not counted.
      List<String> searches =
          queries.stream()
              .map(q -> "/api/v1/search?limit=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
              .toList();
      httpLoad(base, token, searches, 0);
      for (int round = 0; round < 2; round++) {
        report("16 clients back to back", httpLoad(base, token, searches, 0));
      }
      // At a fixed rate: each client sends on a schedule, and latency counts from the moment the
      // request was due, so a stall is not hidden by the clients waiting for it.
      for (int rate : new int[] {200, 400}) {
        report("16 clients, " + rate + " requests/s in all", httpLoad(base, token, searches, rate));
      }
      // The floor under these figures: the same clients on a route that does nothing but answer
      // (no search, no database), through the same server, filters and request log.
      for (int rate : new int[] {200, 400}) {
        report(
            "GET /ready, " + rate + " requests/s in all",
            httpLoad(base, token, List.of("/ready"), rate));
      }

      Workspace synthetic = services.workspaces().findBySlug("synthetic").orElseThrow();
      Searcher searcher = new Searcher(app.app().searchIndex());
      Latencies freshness = new Latencies();
      for (int i = 0; i < 20; i++) {
        String word = "marqueur" + (char) ('a' + i) + "zq" + i;
        long t = System.nanoTime();
        services
            .manuals()
            .create(
                synthetic,
                new Draft(
                    "Fraîcheur " + i,
                    "fr",
                    List.of(),
                    "",
                    "## Vérifier\nMot " + word + ".\n",
                    null,
                    "",
                    false,
                    true),
                null,
                Actor.SYSTEM);
        while (searcher
                .search(new SearchRequest(word, Set.of("synthetic"), null, null, null, 1, 0))
                .total()
            == 0) {
          Thread.sleep(5);
        }
        freshness.add(System.nanoTime() - t);
      }
      System.out.printf(
          "== save-to-searchable delay (publish committed → found by search)%n   %s%n",
          freshness.summary());
    }
  }

  private record Load(Latencies latencies, int errors, double seconds) {}

  private static void report(String label, Load load) {
    System.out.printf(
        "   %-40s %s, %.0f requests/s, %d errors%n",
        label,
        load.latencies().summary(),
        load.latencies().count() / load.seconds(),
        load.errors());
  }

  /**
   * 16 clients on keep-alive connections for 3 s of warm-up and 15 s of measurement, each asking
   * for the paths in turn; {@code totalRate} 0 means back to back.
   */
  private static Load httpLoad(URI base, String token, List<String> paths, int totalRate)
      throws InterruptedException {
    long start = System.nanoTime();
    long warmEnd = start + 3_000_000_000L;
    long end = warmEnd + 15_000_000_000L;
    long interval = totalRate == 0 ? 0 : CLIENTS * 1_000_000_000L / totalRate;
    Latencies all = new Latencies();
    AtomicInteger errors = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int offset = c;
      clients.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Latencies mine = new Latencies();
                    long due = start + (interval * offset) / CLIENTS;
                    try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
                      for (int i = offset; ; i++) {
                        if (interval > 0) {
                          long wait = due - System.nanoTime();
                          if (wait > 0) {
                            LockSupport.parkNanos(wait);
                          }
                        }
                        long sent = interval > 0 ? due : System.nanoTime();
                        if (sent >= end) {
                          break;
                        }
                        try {
                          RawHttp.Response response =
                              http.get(
                                  paths.get(i % paths.size()), "Authorization: Bearer " + token);
                          if (response.status() != 200) {
                            errors.incrementAndGet();
                          }
                        } catch (IOException e) {
                          errors.incrementAndGet();
                        }
                        if (sent > warmEnd) {
                          mine.add(System.nanoTime() - sent);
                        }
                        due += interval;
                      }
                    }
                    all.addAll(mine);
                  }));
    }
    for (Thread client : clients) {
      client.join();
    }
    return new Load(all, errors.get(), 15.0);
  }
}
