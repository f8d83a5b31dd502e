package vademecum.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Reorders the first hits of a search of three words or more by how many of its words they hold.
 *
 * <p>From three words on, no word is required (a page rarely uses every word of a question), and
 * BM25 adds up what matches: one rare word in a heading ("Create a <em>client</em> workspace") can
 * then outweigh a procedure that has all three ("reschedule a client appointment": "Déplacer un
 * rendez-vous client"). Lucene dropped the classic coordination factor from its similarity in 7.0;
 * this puts it back where it matters, on the first {@link #WINDOW} hits, as a {@link
 * org.apache.lucene.search.Rescorer} would: each hit's score is multiplied by the share of the
 * words (each with all its alternatives: stems, synonyms, translations, typos) that it holds.
 *
 * <p>Measured with {@code vademecum.bench.SearchQuality}: MRR rose on every query set, the held-out
 * ones included. Weighing each word by its rarity, or softening the factor, did no better.
 */
final class Coverage {
  /** How many of the first hits are reordered; the page shows at most the first 20 of them. */
  static final int WINDOW = 50;

  private Coverage() {}

  /** The words of a search, gathered over the synonym lists of the workspaces searched. */
  static final class Words {
    private final Map<String, BooleanQuery.Builder> alternatives = new LinkedHashMap<>();

    /** The word's alternatives under one list (already limited to that list's workspaces). */
    void add(String word, Query query) {
      alternatives.computeIfAbsent(word, w -> new BooleanQuery.Builder()).add(query, Occur.SHOULD);
    }

    int count() {
      return alternatives.size();
    }

    /** Each word's alternatives, under any list. */
    List<Query> list() {
      return alternatives.values().stream().map(b -> (Query) b.build()).toList();
    }
  }

  /**
   * The hits, their first {@link #WINDOW} rescored and sorted again and the rest after them as they
   * came, or all as given when there are fewer than three words (two words are both required
   * already). Always the same first hits are reordered, whatever the page asked: page 3 then
   * continues page 2, with no hit shown twice or never.
   */
  static ScoreDoc[] rescore(IndexSearcher searcher, ScoreDoc[] hits, List<Query> words)
      throws IOException {
    if (words.size() < 3 || hits.length < 2) {
      return hits;
    }
    ScoreDoc[] head = rescored(searcher, Arrays.copyOf(hits, Math.min(WINDOW, hits.length)), words);
    ScoreDoc[] all = hits.clone();
    System.arraycopy(head, 0, all, 0, head.length);
    return all;
  }

  private static ScoreDoc[] rescored(IndexSearcher searcher, ScoreDoc[] hits, List<Query> words)
      throws IOException {
    ScoreDoc[] byDoc = hits.clone();
    Arrays.sort(byDoc, Comparator.comparingInt(h -> h.doc));
    int[] held = new int[byDoc.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (Query word : words) {
      Weight weight =
          searcher.createWeight(searcher.rewrite(word), ScoreMode.COMPLETE_NO_SCORES, 1f);
      LeafReaderContext leaf = null;
      DocIdSetIterator matching = null;
      for (int i = 0; i < byDoc.length; i++) {
        int doc = byDoc[i].doc;
        if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
          leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
          Scorer scorer = weight.scorer(leaf);
          matching = scorer == null ? null : scorer.iterator();
        }
        int local = doc - leaf.docBase;
        if (matching != null
            && (matching.docID() >= local
                ? matching.docID() == local
                : matching.advance(local) == local)) {
          held[i]++;
        }
      }
    }
    ScoreDoc[] rescored = new ScoreDoc[byDoc.length];
    for (int i = 0; i < byDoc.length; i++) {
      float share = (float) held[i] / words.size();
      rescored[i] = new ScoreDoc(byDoc[i].doc, byDoc[i].score * share, byDoc[i].shardIndex);
    }
    Arrays.sort(
        rescored, Comparator.<ScoreDoc>comparingDouble(h -> -h.score).thenComparingInt(h -> h.doc));
    return rescored;
  }
}
