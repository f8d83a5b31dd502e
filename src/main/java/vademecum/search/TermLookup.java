package vademecum.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.TermQuery;

/**
 * The words of one search, looked up in the index once. Building a query asks whether a word is in
 * the index (to leave out stems no document has, to tolerate typos only in unknown words), and
 * Lucene looks every term up again to score it; each lookup opened a fresh reader of the terms
 * dictionary, and those were a third of what a search allocated. Here each field's dictionary is
 * opened once per search, and a term query carries the entry found for it.
 */
final class TermLookup {
  private final IndexReaderContext top;
  private final Map<String, TermsEnum[]> dictionaries = new HashMap<>();
  private final Map<Term, TermStates> found = new HashMap<>();
  private final Map<String, Long> docCounts = new HashMap<>();

  TermLookup(IndexReader reader) {
    this.top = reader.getContext();
  }

  IndexReader reader() {
    return top.reader();
  }

  int docFreq(Term term) {
    return states(term).docFreq();
  }

  /**
   * The weight BM25 gives the term for being rare (Lucene's formula), from the documents that have
   * it among those that have its field.
   */
  double idf(Term term) {
    int docFreq = docFreq(term);
    long docCount = docCounts.computeIfAbsent(term.field(), this::docCount);
    return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
  }

  private long docCount(String field) {
    try {
      return top.reader().getDocCount(field);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A query for the term that Lucene does not need to look up again. */
  TermQuery query(Term term) {
    return new TermQuery(term, states(term));
  }

  private TermStates states(Term term) {
    TermStates known = found.get(term);
    if (known != null) {
      return known;
    }
    List<LeafReaderContext> leaves = top.leaves();
    TermsEnum[] perLeaf = dictionaries.computeIfAbsent(term.field(), f -> open(f, leaves));
    TermStates states = new TermStates(top);
    try {
      for (LeafReaderContext leaf : leaves) {
        TermsEnum dictionary = perLeaf[leaf.ord];
        if (dictionary != TermsEnum.EMPTY && dictionary.seekExact(term.bytes())) {
          states.register(
              dictionary.termState(), leaf.ord, dictionary.docFreq(), dictionary.totalTermFreq());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.put(term, states);
    return states;
  }

  private static TermsEnum[] open(String field, List<LeafReaderContext> leaves) {
    TermsEnum[] perLeaf = new TermsEnum[leaves.size()];
    try {
      for (LeafReaderContext leaf : leaves) {
        Terms terms = leaf.reader().terms(field);
        perLeaf[leaf.ord] = terms == null ? TermsEnum.EMPTY : terms.iterator();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return perLeaf;
  }
}
