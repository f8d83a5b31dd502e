package vademecum.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import vademecum.App;
import vademecum.Config;
import vademecum.account.Actor;
import vademecum.db.Database;
import vademecum.manual.Draft;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;
import vademecum.workspace.Role;
import vademecum.workspace.Workspace;

/**
 * Search speed against its peer, PostgreSQL full-text search (to_tsvector french/english, GIN
 * index, ts_rank), on the same documents and the same queries in the same run: at the size of the
 * real corpora, then at a target number of procedures (default 100,000) made of synthetic manuals.
 * Also prints full reindex time, save-to-searchable delay, and HTTP /api/v1/search latency with 16
 * concurrent clients.
 *
 * <p>./mvnw -q test-compile exec:java -Dexec.mainClass=vademecum.bench.SearchBenchmark
 * [-Dexec.args=100000]
 */
public final class SearchBenchmark {
  private static final int CLIENTS = 16;

  public static void main(String[] args) throws Exception {
    int target = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    System.out.printf(
        "machine: %d cores, %s, Java %s, max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    Path data = Files.createTempDirectory("search-bench");
    String url = TestDatabase.freshUrl();
    List<String> queries = new ArrayList<>();
    Set<String> workspaces = new java.util.HashSet<>();
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      if (Files.isDirectory(Corpora.ROOT)) {
        for (Corpora.Corpus corpus : Corpora.ALL) {
          Corpora.load(services, corpus);
          workspaces.add(corpus.name());
          Corpora.queries(corpus).forEach(q -> queries.add(q.text()));
        }
        System.out.println();
        compare(
            database, services, data.resolve("index-corpora"), queries, workspaces, "real corpora");
      }
      Workspace synthetic =
          services.workspaces().getOrCreate(database.dsl(), "synthetic", "Synthetic");
      workspaces.add("synthetic");
      int procedures = generate(services, synthetic, target - countProcedures(database));
      System.out.printf("%ngenerated %d synthetic procedures%n", procedures);
      SyntheticManuals vocabulary = new SyntheticManuals(7);
      for (int i = 0; i < 60; i++) {
        queries.add(vocabulary.query());
      }
      compare(
          database,
          services,
          data.resolve("index-full"),
          queries,
          workspaces,
          countProcedures(database) + " procedures");
    }
    overHttp(data.resolve("app"), url, queries, workspaces);
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
      new SearchIndexer(services.search(), services.markdown(), index).rebuild(0);
      double reindexSeconds = (System.nanoTime() - started) / 1e9;
      Searcher searcher = new Searcher(index);
      Latencies ours = new Latencies();
      Latencies withCounts = new Latencies();
      int rounds = Math.max(4000 / queries.size(), 10);
      for (int warm = 0; warm < 5; warm++) {
        for (String q : queries) {
          searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), false);
          searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), true);
        }
      }
      for (int round = 0; round < rounds; round++) {
        for (String q : queries) {
          long t = System.nanoTime();
          searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), false);
          ours.add(System.nanoTime() - t);
          t = System.nanoTime();
          searcher.search(new SearchRequest(q, workspaces, null, null, null, 10, 0), true);
          withCounts.add(System.nanoTime() - t);
        }
      }
      Latencies peer = postgresFullText(database, queries, workspaces);
      System.out.printf("== %s: %d documents in the index%n", label, index.documentCount());
      System.out.printf("   full reindex                 %.1f s%n", reindexSeconds);
      System.out.printf("   Vademecum (Lucene) search    %s%n", ours.summary());
      System.out.printf(
          "     … with counts per workspace and manual (results page) %s%n", withCounts.summary());
      System.out.printf("   PostgreSQL full-text search  %s%n", peer.summary());
      System.out.printf(
          "   ratio at p99: PostgreSQL is %.1fx slower%n",
          peer.percentileMillis(99) / ours.percentileMillis(99));
    }
  }

  /** The peer: one tsvector per published procedure, French or English configuration, GIN. */
  private static Latencies postgresFullText(
      Database database, List<String> queries, Set<String> workspaces) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("drop table if exists bench_fts");
      statement.execute(
          """
          create table bench_fts as
          select p.id, w.slug as workspace, pv.title,
                 setweight(to_tsvector(c.cfg, pv.title), 'A') || setweight(to_tsvector(c.cfg, pv.markdown), 'B') as tsv
          from procedure p
          join procedure_version pv on pv.id = p.current_version_id
          join manual m on m.id = p.manual_id
          join workspace w on w.id = m.workspace_id
          cross join lateral (select (case m.language when 'fr' then 'french' else 'english' end)::regconfig as cfg) c
          """);
      statement.execute("create index bench_fts_tsv on bench_fts using gin (tsv)");
      statement.execute("analyze bench_fts");
      Latencies latencies = new Latencies();
      String sql =
          """
          select id, title, ts_rank(tsv, q) as rank
          from bench_fts, (select websearch_to_tsquery('french', ?) || websearch_to_tsquery('english', ?) as q) query
          where tsv @@ q and workspace = any(?)
          order by rank desc limit 10
          """;
      try (PreparedStatement search = connection.prepareStatement(sql)) {
        Array allowed = connection.createArrayOf("varchar", workspaces.toArray());
        int rounds = Math.max(600 / queries.size(), 5);
        for (int round = 0; round < rounds + 1; round++) {
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
            if (round > 0) {
              latencies.add(System.nanoTime() - t);
            }
          }
        }
      }
      statement.execute("drop table bench_fts");
      return latencies;
    }
  }

  private static int countProcedures(Database database) throws Exception {
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
  private static int generate(App.Services services, Workspace workspace, int wanted)
      throws Exception {
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
      System.out.printf(
          "%n== HTTP GET /api/v1/search, %d concurrent clients, %d documents%n",
          CLIENTS, app.app().searchIndex().documentCount());
      Latencies http = new Latencies();
      long end = System.nanoTime() + 20_000_000_000L;
      long warmEnd = System.nanoTime() + 3_000_000_000L;
      AtomicInteger errors = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int offset = c;
        clients.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      HttpClient client =
                          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                      Latencies mine = new Latencies();
                      int i = offset;
                      while (System.nanoTime() < end) {
                        String q = queries.get(i++ % queries.size());
                        HttpRequest request =
                            HttpRequest.newBuilder(
                                    URI.create(
                                        app.url(
                                            "/api/v1/search?limit=10&q="
                                                + URLEncoder.encode(q, StandardCharsets.UTF_8))))
                                .header("Authorization", "Bearer " + token)
                                .build();
                        long t = System.nanoTime();
                        try {
                          HttpResponse<String> response =
                              client.send(request, HttpResponse.BodyHandlers.ofString());
                          if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                          }
                        } catch (Exception e) {
                          errors.incrementAndGet();
                        }
                        if (t > warmEnd) {
                          mine.add(System.nanoTime() - t);
                        }
                      }
                      http.addAll(mine);
                    }));
      }
      for (Thread client : clients) {
        client.join();
      }
      System.out.printf(
          "   %s, %.0f requests/s, %d errors%n", http.summary(), http.count() / 17.0, errors.get());

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
}
