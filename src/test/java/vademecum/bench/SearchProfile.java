package vademecum.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vademecum.App;
import vademecum.Config;
import vademecum.db.Database;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.TestDatabase;

/** Per-query timings on the corpora, slowest first: a tool for finding what makes search slow. */
public final class SearchProfile {
  public static void main(String[] args) throws Exception {
    try (Database database = TestDatabase.fresh();
        SearchIndex index = new SearchIndex(Files.createTempDirectory("profile-index"))) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      List<String> queries = new ArrayList<>();
      for (Corpora.Corpus corpus : Corpora.ALL) {
        Corpora.load(services, corpus);
        Corpora.queries(corpus).forEach(q -> queries.add(q.text()));
      }
      new SearchIndexer(services.search(), services.markdown(), index).catchUp();
      Searcher searcher = new Searcher(index);
      Set<String> all = Set.of("sourcegraph-handbook", "etalab-guides");
      for (int warm = 0; warm < 20; warm++) {
        queries.forEach(q -> searcher.search(new SearchRequest(q, all, null, null, null, 10, 0)));
      }
      List<String> lines = new ArrayList<>();
      for (String q : queries) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 30; i++) {
          long t = System.nanoTime();
          searcher.search(new SearchRequest(q, all, null, null, null, 10, 0));
          latencies.add(System.nanoTime() - t);
        }
        lines.add(String.format("%8.2f ms  %s", latencies.percentileMillis(50), q));
      }
      lines.sort(java.util.Comparator.reverseOrder());
      lines.forEach(System.out::println);
    }
    System.exit(0);
  }
}
