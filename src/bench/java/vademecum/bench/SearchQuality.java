package vademecum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.search.SearchHit;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.Scratch;
import vademecum.testing.TestDatabase;

/**
 * Imports ../shared/corpora, indexes it, runs both query sets and prints recall@3 and MRR per
 * language, with every miss and what came first instead, and the queries found second or third
 * (what MRR loses).
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
        SearchIndex index = new SearchIndex(Scratch.directory("quality-index"))) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      for (Corpora.Corpus corpus : Corpora.ALL) {
        Corpora.load(services, corpus);
      }
      Corpora.loadSamples(services);
      new SearchIndexer(services.database().dsl(), services.search(), services.markdown(), index)
          .catchUp();
      Searcher searcher = new Searcher(index);
      boolean allPass = true;
      Map<String, Figures> byLanguage = new TreeMap<>();
      for (Corpora.Corpus corpus : Corpora.ALL) {
        Figures figures =
            measure(
                searcher,
                corpus.name() + " starter set",
                Corpora.queries(corpus),
                Set.of(corpus.name()));
        allPass &= figures.recall() >= 0.9;
        byLanguage.merge(corpus.language(), figures, Figures::plus);
      }
      // Issue 25's sets search the handbooks and the sample manuals together, as a reader of
      // several workspaces would.
      Set<String> everything = new HashSet<>();
      Corpora.ALL.forEach(c -> everything.add(c.name()));
      everything.add(Corpora.SAMPLES_WORKSPACE);
      for (var set : new TreeMap<>(Corpora.ISSUE_25).entrySet()) {
        if (!Files.exists(set.getValue())) {
          continue;
        }
        Figures figures =
            measure(
                searcher,
                "issue 25 (" + set.getKey() + ")",
                Corpora.queries(set.getValue()),
                everything);
        byLanguage.merge(set.getKey(), figures, Figures::plus);
      }
      // The held-out and blind sets are reported on their own and not added to the figures above.
      Map<String, Map<String, Path>> apart = new LinkedHashMap<>();
      apart.put("held out", Corpora.HELD_OUT);
      apart.put("blind", Corpora.BLIND);
      apart.put("blind 2", Corpora.BLIND_2);
      for (var group : apart.entrySet()) {
        for (var set : new TreeMap<>(group.getValue()).entrySet()) {
          if (Files.exists(set.getValue())) {
            measure(
                searcher,
                group.getKey() + " (" + set.getKey() + ")",
                Corpora.queries(set.getValue()),
                everything);
          }
        }
      }
      boolean issue25 = true;
      for (var language : byLanguage.entrySet()) {
        Figures all = language.getValue();
        System.out.printf(
            "all sets (%s): recall@3 %.2f (%d/%d), MRR %.3f, empty first pages %d%n",
            language.getKey(), all.recall(), all.found(), all.queries(), all.mrr(), all.empty());
        issue25 &= all.recall() >= 0.95 && all.mrr() >= 0.90 && all.empty() == 0;
      }
      System.out.println(
          allPass
              ? "starter sets: recall@3 >= 0.9 in each language"
              : "starter sets: recall@3 below 0.9");
      System.out.println(
          "issue 25 target (all sets, per language: recall@3 >= 0.95, MRR >= 0.90, no empty first"
              + " page): "
              + (issue25 ? "met" : "missed"));
    }
    System.exit(0);
  }

  /** One set's figures: queries, found in the top 3, sum of reciprocal ranks, empty pages. */
  private record Figures(int queries, int found, double reciprocal, int empty) {
    double recall() {
      return queries == 0 ? 0 : (double) found / queries;
    }

    double mrr() {
      return queries == 0 ? 0 : reciprocal / queries;
    }

    Figures plus(Figures other) {
      return new Figures(
          queries + other.queries,
          found + other.found,
          reciprocal + other.reciprocal,
          empty + other.empty);
    }
  }

  private static Figures measure(
      Searcher searcher, String name, List<Corpora.Query> queries, Set<String> workspaces) {
    int found = 0;
    int empty = 0;
    double reciprocal = 0;
    StringBuilder misses = new StringBuilder();
    for (Corpora.Query query : queries) {
      List<SearchHit> hits =
          searcher
              .search(new SearchRequest(query.text(), workspaces, null, null, null, 10, 0))
              .hits();
      if (hits.isEmpty()) {
        empty++;
      }
      int rank = rankOfFirstExpected(hits, query.expected());
      if (rank > 0 && rank <= 3) {
        found++;
      }
      if (rank > 0) {
        reciprocal += 1.0 / rank;
      }
      if (rank == 2 || rank == 3) {
        misses.append(
            String.format(
                "  LOW  %-45s rank %s  [%s]%n", query.text(), rank, query.note().split(":")[0]));
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
    Figures figures = new Figures(queries.size(), found, reciprocal, empty);
    System.out.printf(
        "%s: recall@3 %.2f (%d/%d), MRR %.3f, empty first pages %d%n%s",
        name, figures.recall(), found, queries.size(), figures.mrr(), empty, misses);
    return figures;
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
