package vademecum.bench;

import java.nio.file.Path;
import java.util.*;
import vademecum.search.*;

public final class LoopProbe {
  public static void main(String[] args) throws Exception {
    try (SearchIndex index = new SearchIndex(Path.of(System.getProperty("index")))) {
      Searcher s = new Searcher(index);
      Set<String> all = Set.of("sourcegraph-handbook", "etalab-guides", "synthetic");
      List<String> queries = new ArrayList<>();
      for (vademecum.bench.Corpora.Corpus c : vademecum.bench.Corpora.ALL)
        vademecum.bench.Corpora.queries(c).forEach(q -> queries.add(q.text()));
      vademecum.bench.SyntheticManuals v = new vademecum.bench.SyntheticManuals(7);
      for (int i = 0; i < 60; i++) queries.add(v.query());
      long end = System.nanoTime() + Long.getLong("seconds", 30) * 1_000_000_000L;
      vademecum.bench.Latencies lat = new vademecum.bench.Latencies();
      int n = 0;
      Map<String, List<Long>> per = new HashMap<>();
      while (System.nanoTime() < end) {
        for (String q : queries) {
          long t = System.nanoTime();
          s.search(new SearchRequest(q, all, null, null, null, 10, 0), false);
          long d = System.nanoTime() - t;
          if (n > 2000) {
            lat.add(d);
            per.computeIfAbsent(q, k -> new ArrayList<>()).add(d);
          }
          n++;
        }
      }
      System.out.println(lat.summary());
      List<Long> every = new ArrayList<>();
      per.values().forEach(every::addAll);
      Collections.sort(every);
      long cut = every.get((int) (every.size() * 0.99));
      List<String> lines = new ArrayList<>();
      per.forEach(
          (q, l) -> {
            Collections.sort(l);
            long over = l.stream().filter(x -> x >= cut).count();
            lines.add(
                String.format(
                    "%6.3f ms med  %6.3f p90  over-p99 %4d/%d  %s",
                    l.get(l.size() / 2) / 1e6, l.get(l.size() * 9 / 10) / 1e6, over, l.size(), q));
          });
      lines.sort(Comparator.reverseOrder());
      lines.stream().limit(15).forEach(System.out::println);
      System.out.printf("p99 cut %.3f ms%n", cut / 1e6);
    }
    System.exit(0);
  }
}
