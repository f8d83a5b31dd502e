package vademecum.search;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * A searcher that lends readers of stored fields and takes them back. Each reader made holds a
 * decompressor whose buffers grow to the blocks it reads: made afresh for every search, they were a
 * quarter of all a search allocated (64 kB of 270). Kept here, they are made once per searcher (a
 * near-real-time refresh makes a new one) and per concurrent search.
 */
final class LendingSearcher extends IndexSearcher {
  /** More idle readers than concurrent searches ever need are let go. */
  private static final int MAX_IDLE = 32;

  static final SearcherFactory FACTORY =
      new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
          return new LendingSearcher(reader);
        }
      };

  private final ConcurrentLinkedDeque<StoredFields> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();

  private LendingSearcher(IndexReader reader) {
    super(reader);
  }

  /** A reader of stored fields for one search (not to be shared between threads). */
  StoredFields lendStoredFields() throws IOException {
    StoredFields lent = idle.pollFirst();
    if (lent == null) {
      return storedFields();
    }
    idleCount.decrementAndGet();
    return lent;
  }

  void giveBack(StoredFields stored) {
    if (idleCount.incrementAndGet() <= MAX_IDLE) {
      idle.offerFirst(stored);
    } else {
      idleCount.decrementAndGet();
    }
  }
}
