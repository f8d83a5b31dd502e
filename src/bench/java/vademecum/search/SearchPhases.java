package vademecum.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import vademecum.bench.SearchProfile;

/**
 * Where a search's time goes, phase by phase, for the queries given, on an index kept by {@code
 * SearchProfile -Dindex=DIR}: building the query, Lucene's top ten, reading their stored fields,
 * highlighting. Prints each query's Lucene query too. A tool, like {@code SearchProfile}; the
 * figures it prints are quoted in docs/benchmarks.md.
 *
 * <pre>
 * ./mvnw -q -Pbench test-compile exec:java \
 *   -Dexec.mainClass=vademecum.search.SearchPhases -Dindex=DIR -Dexec.args="'calendrier message'"
 * </pre>
 *
 * <p>Without queries it takes the benchmark's 100 in turn ({@code -Druns=100} rounds is enough) and
 * prints the ten slowest: a query repeated alone runs with its data in cache, which the benchmark's
 * rotation does not.
 */
public final class SearchPhases {
  private static final String[] PHASES = {"build", "search", "stored", "highlight", "total"};

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("runs", 3000);
    // Without queries: the benchmark's 100, taken in turn (as the benchmark does) rather than
    // each one repeated, and the ten slowest shown.
    boolean rotation = args.length == 0;
    List<String> texts = rotation ? SearchProfile.benchmarkQueries() : List.of(args);
    try (SearchIndex index = new SearchIndex(Path.of(System.getProperty("index")))) {
      IndexSearcher searcher = index.acquire();
      IndexReader reader = searcher.getIndexReader();
      List<String> lines = new ArrayList<>();
      // Three rounds: the first two let the JIT compile the whole path.
      for (int round = 0; round < 3; round++) {
        lines.clear();
        long[][][] all = new long[texts.size()][PHASES.length][runs];
        for (int step = 0; step < texts.size() * runs; step++) {
          int t = rotation ? step % texts.size() : step / runs;
          int i = rotation ? step / texts.size() : step % runs;
          String text = texts.get(t);
          long[][] times = all[t];
          {
            long start = System.nanoTime();
            SearchQuery parsed = SearchQuery.parse(text);
            Query query = parsed.toLucene(reader);
            long built = System.nanoTime();
            TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(10, 10));
            long searched = System.nanoTime();
            StoredFields stored = searcher.storedFields();
            int[] ids = new int[top.scoreDocs.length];
            String[] bodies = new String[ids.length];
            for (int k = 0; k < ids.length; k++) {
              Document doc = stored.document(top.scoreDocs[k].doc);
              ids[k] = top.scoreDocs[k].doc;
              bodies[k] = doc.get(SearchFields.BODY_PLAIN);
            }
            long read = System.nanoTime();
            Highlights.of(reader, ids, bodies, parsed.highlightTerms(), Searcher.SNIPPET_LENGTH);
            long end = System.nanoTime();
            long[] phases = {built - start, searched - built, read - searched, end - read};
            for (int p = 0; p < phases.length; p++) {
              times[p][i] = phases[p];
            }
            times[PHASES.length - 1][i] = end - start;
          }
        }
        for (int t = 0; t < texts.size(); t++) {
          StringBuilder line = new StringBuilder();
          for (int p = 0; p < PHASES.length; p++) {
            Arrays.sort(all[t][p]);
            line.append(String.format("%s %.3f  ", PHASES[p], all[t][p][runs / 2] / 1e6));
          }
          lines.add(line + " ms (medians)  " + texts.get(t));
        }
      }
      if (rotation) {
        // Slowest first: "total" is the last figure before the text.
        lines.sort(
            Comparator.comparingDouble(
                (String l) ->
                    -Double.parseDouble(l.substring(l.indexOf("total ") + 6).split(" ")[0])));
        lines.subList(10, lines.size()).clear();
      }
      lines.forEach(System.out::println);
      for (String text : rotation ? List.<String>of() : texts) {
        System.out.println(text + " -> " + SearchQuery.parse(text).toLucene(reader));
      }
      index.release(searcher);
    }
    System.exit(0);
  }
}
