package vademecum.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts every match per workspace, manual and tag, in the same pass as the top hits. */
final class FacetCounts implements CollectorManager<FacetCounts.Counter, FacetCounts.Counts> {

  record Counts(
      int total,
      boolean capped,
      Map<String, Integer> byWorkspace,
      Map<String, Integer> byManual,
      Map<String, Integer> byTag) {}

  private final int cap;
  private final AtomicInteger seen = new AtomicInteger();

  FacetCounts(int cap) {
    this.cap = cap;
  }

  final class Counter implements Collector {
    private int total;
    private final Map<String, Integer> byWorkspace = new HashMap<>();
    private final Map<String, Integer> byManual = new HashMap<>();
    private final Map<String, Integer> byTag = new HashMap<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      if (seen.get() >= cap) {
        throw new CollectionTerminatedException();
      }
      SortedDocValues workspaces =
          DocValues.getSorted(context.reader(), SearchFields.FACET_WORKSPACE);
      SortedDocValues manuals = DocValues.getSorted(context.reader(), SearchFields.FACET_MANUAL);
      int[] workspaceCounts = new int[Math.max(1, workspaces.getValueCount())];
      int[] manualCounts = new int[Math.max(1, manuals.getValueCount())];
      SortedSetDocValues tags = DocValues.getSortedSet(context.reader(), SearchFields.FACET_TAG);
      int[] tagCounts = new int[(int) Math.max(1, tags.getValueCount())];
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (seen.incrementAndGet() > cap) {
            throw new CollectionTerminatedException();
          }
          total++;
          if (workspaces.advanceExact(doc)) {
            workspaceCounts[workspaces.ordValue()]++;
          }
          if (manuals.advanceExact(doc)) {
            manualCounts[manuals.ordValue()]++;
          }
          if (tags.advanceExact(doc)) {
            for (int i = 0; i < tags.docValueCount(); i++) {
              tagCounts[(int) tags.nextOrd()]++;
            }
          }
        }

        @Override
        public void finish() throws IOException {
          for (int ord = 0; ord < workspaceCounts.length; ord++) {
            if (workspaceCounts[ord] > 0) {
              byWorkspace.merge(
                  workspaces.lookupOrd(ord).utf8ToString(), workspaceCounts[ord], Integer::sum);
            }
          }
          for (int ord = 0; ord < manualCounts.length; ord++) {
            if (manualCounts[ord] > 0) {
              byManual.merge(
                  manuals.lookupOrd(ord).utf8ToString(), manualCounts[ord], Integer::sum);
            }
          }
          for (int ord = 0; ord < tagCounts.length; ord++) {
            if (tagCounts[ord] > 0) {
              byTag.merge(tags.lookupOrd(ord).utf8ToString(), tagCounts[ord], Integer::sum);
            }
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  @Override
  public Counter newCollector() {
    return new Counter();
  }

  @Override
  public Counts reduce(Collection<Counter> collectors) {
    int total = 0;
    Map<String, Integer> byWorkspace = new HashMap<>();
    Map<String, Integer> byManual = new HashMap<>();
    Map<String, Integer> byTag = new HashMap<>();
    for (Counter counter : collectors) {
      total += counter.total;
      counter.byWorkspace.forEach((k, v) -> byWorkspace.merge(k, v, Integer::sum));
      counter.byManual.forEach((k, v) -> byManual.merge(k, v, Integer::sum));
      counter.byTag.forEach((k, v) -> byTag.merge(k, v, Integer::sum));
    }
    return new Counts(total, seen.get() > cap, byWorkspace, byManual, byTag);
  }
}
