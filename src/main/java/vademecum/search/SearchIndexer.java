package vademecum.search;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.Background;
import vademecum.markdown.MarkdownRenderer;

/**
 * Keeps the index in step with PostgreSQL. It reads the change log between its watermark and the
 * oldest running transaction, replaces the changed manuals' documents, and commits the new
 * watermark with them. A crash between two commits replays changes (replacing a manual twice is
 * harmless), never skips one.
 */
public final class SearchIndexer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

  /** The watermark moves with every transaction; it is made durable at most this often alone. */
  private static final long IDLE_COMMIT_NANOS = Duration.ofSeconds(10).toNanos();

  private final SearchRepository repository;
  private final SearchDocuments documents;
  private final SearchIndex index;
  private final Background background = new Background("search-indexer");
  private long lastCommit = System.nanoTime();

  public SearchIndexer(SearchRepository repository, MarkdownRenderer markdown, SearchIndex index) {
    this.repository = repository;
    this.documents = new SearchDocuments(repository, markdown);
    this.index = index;
  }

  /** Polls in the background; the first run builds a fresh index while searches are served. */
  public void start(Duration interval) {
    // A failed run (PostgreSQL restarting) is retried from the same watermark.
    background.every(Duration.ZERO, interval, this::catchUp);
  }

  /** Applies every change committed below the oldest running transaction. */
  public synchronized void catchUp() {
    long requested = repository.latestReindexRequest();
    if (index.fresh() || requested > index.reindexDone()) {
      rebuild(requested);
      return;
    }
    long xmin = repository.snapshotXmin();
    long from = index.watermark();
    if (xmin <= from) {
      return;
    }
    List<Long> changed = repository.changedManuals(from, xmin);
    for (Long manualId : changed) {
      index.replaceManual(manualId, documents.forManual(manualId));
    }
    if (!changed.isEmpty() || System.nanoTime() - lastCommit > IDLE_COMMIT_NANOS) {
      index.commit(xmin, index.reindexDone());
      lastCommit = System.nanoTime();
    } else {
      index.advance(xmin);
    }
    if (!changed.isEmpty()) {
      index.refresh();
    }
  }

  /**
   * Rebuilds every manual's documents from PostgreSQL. Searches go on meanwhile: each manual is
   * replaced atomically and nothing is deleted first.
   */
  public synchronized void rebuild(long requestId) {
    rebuild(requestId, (done, total) -> {});
  }

  /** Called after each manual of a rebuild, for progress bars. */
  public interface Progress {
    void rebuilt(int done, int total);
  }

  public synchronized void rebuild(long requestId, Progress progress) {
    long started = System.nanoTime();
    long xmin = repository.snapshotXmin();
    List<Long> manuals = repository.publishedManualIds();
    int done = 0;
    for (Long manualId : manuals) {
      index.replaceManual(manualId, documents.forManual(manualId));
      progress.rebuilt(++done, manuals.size());
    }
    index.keepOnly(manuals);
    index.commit(xmin, Math.max(requestId, index.reindexDone()));
    index.refresh();
    lastCommit = System.nanoTime();
    log.info(
        "Search index rebuilt: {} manuals, {} documents in {} ms",
        manuals.size(),
        index.documentCount(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  @Override
  public void close() {
    background.close();
  }
}
