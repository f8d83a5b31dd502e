package vademecum.search;

import java.nio.file.Path;
import java.util.*;
import org.apache.lucene.search.*;

public final class PhaseProbe {
  public static void main(String[] args) throws Exception {
    try (SearchIndex index = new SearchIndex(Path.of(System.getProperty("index")))) {
      Searcher s = new Searcher(index);
      Set<String> all = Set.of("sourcegraph-handbook", "etalab-guides", "synthetic");
      for (String q : args) {
        long[] build = new long[2000], search = new long[2000], full = new long[2000];
        for (int i = 0; i < 2000; i++) {
          IndexSearcher searcher = index.acquire();
          try {
            long t0 = System.nanoTime();
            Query query = SearchQuery.parse(q).toLucene(searcher.getIndexReader());
            long t1 = System.nanoTime();
            TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(10, 10));
            long t2 = System.nanoTime();
            s.search(new SearchRequest(q, all, null, null, null, 10, 0), false);
            long t3 = System.nanoTime();
            build[i] = t1 - t0;
            search[i] = t2 - t1;
            full[i] = t3 - t2;
            if (i == 0) System.out.println(query + "\n hits " + top.totalHits);
          } finally {
            index.release(searcher);
          }
        }
        Arrays.sort(build);
        Arrays.sort(search);
        Arrays.sort(full);
        System.out.printf(
            "%s: build %.3f search %.3f full %.3f (p99 %.3f)%n",
            q, build[1000] / 1e6, search[1000] / 1e6, full[1000] / 1e6, full[1980] / 1e6);
      }
    }
    System.exit(0);
  }
}
