package vademecum.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Actor;
import vademecum.manual.Draft;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.Scratch;
import vademecum.testing.TestDatabase;

/** Per-query timings on the corpora, slowest first: a tool for finding what makes search slow. */
public final class SearchProfile {
  public static void main(String[] args) throws Exception {
    // -Dindex=DIR keeps the index: a second run with the same DIR skips loading and generating
    // and profiles the queries on it at once.
    String kept = System.getProperty("index");
    if (kept != null && Files.isDirectory(Path.of(kept))) {
      try (SearchIndex index = new SearchIndex(Path.of(kept))) {
        if (index.documentCount() > 0) {
          List<String> queries = new ArrayList<>(List.of(args));
          if (queries.isEmpty()) {
            queries.addAll(benchmarkQueries());
          }
          profile(index, queries, args.length > 0);
          System.exit(0);
        }
      }
    }
    try (Database database = TestDatabase.fresh();
        SearchIndex index =
            new SearchIndex(
                kept != null
                    ? Files.createDirectories(Path.of(kept))
                    : Scratch.directory("profile-index"))) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      List<String> queries = new ArrayList<>();
      for (Corpora.Corpus corpus : Corpora.ALL) {
        Corpora.load(services, corpus);
        Corpora.queries(corpus).forEach(q -> queries.add(q.text()));
      }
      int synthetic = Integer.getInteger("synthetic", 0);
      if (synthetic > 0) {
        var workspace = services.workspaces().getOrCreate("synthetic", "Synthetic");
        SyntheticManuals generator = new SyntheticManuals(1);
        for (int made = 0, i = 0; made < synthetic; i++) {
          var manual = generator.next(i);
          services
              .manuals()
              .create(
                  workspace,
                  new Draft(
                      manual.title(),
                      manual.language(),
                      List.of(),
                      "",
                      manual.markdown(),
                      null,
                      "",
                      false,
                      true),
                  null,
                  Actor.SYSTEM);
          made += manual.procedures();
        }
        SyntheticManuals vocabulary = new SyntheticManuals(7);
        for (int i = 0; i < 60; i++) {
          queries.add(vocabulary.query());
        }
      }
      new SearchIndexer(services.database().dsl(), services.search(), services.markdown(), index)
          .catchUp();
      if (args.length > 0) {
        queries.clear();
        queries.addAll(List.of(args));
      }
      profile(index, queries, args.length > 0);
    }
    System.exit(0);
  }

  /**
   * The queries of {@code SearchBenchmark} at 100,000 procedures: both query sets of the corpora
   * and 60 drawn from the synthetic vocabulary.
   */
  public static List<String> benchmarkQueries() throws IOException {
    List<String> queries = new ArrayList<>();
    for (Corpora.Corpus corpus : Corpora.ALL) {
      Corpora.queries(corpus).forEach(q -> queries.add(q.text()));
    }
    SyntheticManuals vocabulary = new SyntheticManuals(7);
    for (int i = 0; i < 60; i++) {
      queries.add(vocabulary.query());
    }
    return queries;
  }

  private static void profile(SearchIndex index, List<String> queries, boolean many) {
    {
      Searcher searcher = new Searcher(index);
      Set<String> all = Set.of("sourcegraph-handbook", "etalab-guides", "synthetic");
      for (int warm = 0; warm < 20; warm++) {
        queries.forEach(
            q -> searcher.search(new SearchRequest(q, all, null, null, null, 10, 0), false));
      }
      List<String> lines = new ArrayList<>();
      Latencies overall = new Latencies();
      for (String q : queries) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < (many ? 3000 : 30); i++) {
          long t = System.nanoTime();
          searcher.search(new SearchRequest(q, all, null, null, null, 10, 0), false);
          latencies.add(System.nanoTime() - t);
          overall.add(System.nanoTime() - t);
        }
        lines.add(
            String.format(
                "%8.2f ms  p99 %8.2f ms  %s",
                latencies.percentileMillis(50), latencies.percentileMillis(99), q));
      }
      lines.sort(Comparator.reverseOrder());
      lines.forEach(System.out::println);
      System.out.printf("all queries: %s%n", overall.summary());
    }
  }
}
