package vademecum.search;

import java.nio.file.Path;
import java.util.*;
import org.apache.lucene.search.*;

public final class TitleProbe {
  public static void main(String[] args) throws Exception {
    try (SearchIndex index = new SearchIndex(Path.of(System.getProperty("index")))) {
      Searcher searcher = new Searcher(index);
      Set<String> all = Set.of("sourcegraph-handbook", "etalab-guides", "synthetic");
      for (String q : args) {
        long[][] t = new long[2][1500];
        for (int i = 0; i < 3000; i++) {
          int v = i % 2;
          System.setProperty("titlesInGroups", v == 1 ? "true" : "false");
          long t0 = System.nanoTime();
          searcher.search(new SearchRequest(q, all, null, null, null, 10, 0), false);
          t[v][i / 2] = System.nanoTime() - t0;
        }
        Arrays.sort(t[0]);
        Arrays.sort(t[1]);
        System.out.printf(
            "%-28s outside %.3f  in-groups %.3f%n", q, t[0][750] / 1e6, t[1][750] / 1e6);
      }
    }
    System.exit(0);
  }
}
