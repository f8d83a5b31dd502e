package vademecum.bench;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.search.SearchHit;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.TestDatabase;

/**
 * Imports ../shared/corpora, indexes it, runs both query sets and prints recall@3 and MRR per
 * language, with every miss and what came first instead.
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.SearchQuality
 */
public final class SearchQuality {
  public static void main(String[] args) throws Exception {
    if (!Files.isDirectory(Corpora.ROOT)) {
      System.out.println("../shared/corpora is absent: nothing to measure.");
      return;
    }
    try (Database database = TestDatabase.fresh();
        SearchIndex index = new SearchIndex(Files.createTempDirectory("quality-index"))) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      for (Corpora.Corpus corpus : Corpora.ALL) {
        Corpora.load(services, corpus);
      }
      new SearchIndexer(services.database().dsl(), services.search(), services.markdown(), index)
          .catchUp();
      Searcher searcher = new Searcher(index);
      boolean allPass = true;
      for (Corpora.Corpus corpus : Corpora.ALL) {
        allPass &= measure(searcher, corpus);
      }
      System.out.println(
          allPass ? "target met: recall@3 >= 0.9 in each language" : "target missed");
    }
    System.exit(0);
  }

  private static boolean measure(Searcher searcher, Corpora.Corpus corpus) throws Exception {
    List<Corpora.Query> queries = Corpora.queries(corpus);
    int found = 0;
    double reciprocal = 0;
    StringBuilder misses = new StringBuilder();
    for (Corpora.Query query : queries) {
      List<SearchHit> hits =
          searcher
              .search(
                  new SearchRequest(query.text(), Set.of(corpus.name()), null, null, null, 10, 0))
              .hits();
      int rank = rankOfFirstExpected(hits, query.expected());
      if (rank > 0 && rank <= 3) {
        found++;
      }
      if (rank > 0) {
        reciprocal += 1.0 / rank;
      }
      if (rank == 0 || rank > 3) {
        misses.append(
            String.format(
                "  MISS %-45s rank %s  [%s]%n",
                query.text(), rank == 0 ? "-" : rank, query.note().split(":")[0]));
        hits.stream()
            .limit(3)
            .forEach(
                h ->
                    misses
                        .append("        got ")
                        .append(h.sourcePath())
                        .append(" · ")
                        .append(h.title())
                        .append('\n'));
      }
    }
    double recall = (double) found / queries.size();
    System.out.printf(
        "%s (%s): recall@3 %.2f (%d/%d), MRR %.3f%n%s",
        corpus.name(),
        corpus.language(),
        recall,
        found,
        queries.size(),
        reciprocal / queries.size(),
        misses);
    return recall >= 0.9;
  }

  /** File level: any procedure of an expected file counts. 1-based; 0 when absent. */
  private static int rankOfFirstExpected(List<SearchHit> hits, List<String> expected) {
    List<String> files = hits.stream().map(SearchHit::sourcePath).distinct().toList();
    for (int i = 0; i < files.size(); i++) {
      if (expected.contains(files.get(i))) {
        return i + 1;
      }
    }
    return 0;
  }
}
