package vademecum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;
import vademecum.search.SearchRequest;
import vademecum.search.Searcher;
import vademecum.testing.Scratch;
import vademecum.testing.TestDatabase;

/**
 * Prints the top hits of each query given as an argument, against the imported corpora: a tool for
 * tuning relevance.
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.ExplainQuery
 * -Dexec.args="'quit my job' 'tuiles vecto'"
 */
public final class ExplainQuery {
  public static void main(String[] args) throws Exception {
    try (Database database = TestDatabase.fresh();
        SearchIndex index = new SearchIndex(Scratch.directory("explain-index"))) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      for (Corpora.Corpus corpus : Corpora.ALL) {
        Corpora.load(services, corpus);
      }
      Corpora.loadSamples(services);
      new SearchIndexer(services.database().dsl(), services.search(), services.markdown(), index)
          .catchUp();
      Searcher searcher = new Searcher(index);
      Set<String> all = Set.of("sourcegraph-handbook", "etalab-guides", Corpora.SAMPLES_WORKSPACE);
      // "@file" reads one query per line (quotes in queries upset exec:java's argument parsing).
      List<String> queries = new ArrayList<>();
      for (String arg : args) {
        if (arg.startsWith("@")) {
          queries.addAll(Files.readAllLines(Path.of(arg.substring(1))));
        } else {
          queries.add(arg);
        }
      }
      for (String query : queries) {
        System.out.println("== " + query);
        var results = searcher.search(new SearchRequest(query, all, null, null, null, 8, 0));
        System.out.println("   total " + results.total());
        results
            .hits()
            .forEach(
                h -> System.out.printf("   %6.2f %s · %s%n", h.score(), h.sourcePath(), h.title()));
      }
    }
    System.exit(0);
  }
}
