package vademecum.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Background;
import vademecum.kernel.Backlog;
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

  private final DSLContext db;
  private final SearchRepository repository;
  private final SearchDocuments documents;
  private final SearchIndex index;
  private final Background background = new Background("search-indexer");
  private long lastCommit = System.nanoTime();
  private boolean uncommitted;

  /** Applied changes are made durable at most this long after they were applied. */
  private static final long CHANGE_COMMIT_NANOS = Duration.ofSeconds(1).toNanos();

  public SearchIndexer(
      DSLContext db, SearchRepository repository, MarkdownRenderer markdown, SearchIndex index) {
    this.db = db;
    this.repository = repository;
    this.documents = new SearchDocuments(db, repository, markdown);
    this.index = index;
  }

  /** Polls in the background; the first run builds a fresh index while searches are served. */
  public void start(Duration interval) {
    // A failed run (PostgreSQL restarting) is retried from the same watermark.
    background.every(Duration.ZERO, interval, this::catchUp);
  }

  /**
   * Applies every committed change not applied yet. The watermark only moves to the oldest running
   * transaction, taken before the log is read: a transaction that took its id early and commits
   * late is stamped above it, so it is read on a later run, never skipped. Changes already
   * committed above the watermark are applied at once (a long transaction elsewhere does not delay
   * them) and remembered, so that they are not applied again on the next runs.
   */
  public synchronized void catchUp() {
    catchUps.incrementAndGet();
    long requested = repository.latestReindexRequest(db);
    if (index.fresh()) {
      rebuild(requested);
      caughtUpOnce = true;
      return;
    }
    if (requested < index.reindexDone() || index.watermark() > repository.snapshotXmax(db)) {
      // The database went back in time (a point-in-time recovery, a restore into another
      // database): its transaction ids and reindex requests are below what this index has seen,
      // so the change log would never again name a change above the watermark, and the index
      // would say it is caught up while it drifts. Everything is read again.
      log.warn("The database is older than this search index: rebuilding it");
      rebuild(requested, (done, total) -> {}, true);
      caughtUpOnce = true;
      return;
    }
    boolean requestedRebuild = requested > index.reindexDone();
    if (requestedRebuild && caughtUpOnce) {
      rebuild(requested);
      return;
    }
    // A rebuild asked for while this node was down waits until the change log is applied: searches
    // go on with the index during a rebuild, and it still held what was archived or deleted
    // meanwhile.
    applyChanges();
    if (requestedRebuild) {
      rebuild(requested);
    }
  }

  /** The change log's part: see {@link #catchUp}. */
  private void applyChanges() {
    long xmin = repository.snapshotXmin(db);
    long from = index.watermark();
    Set<Long> changed = new LinkedHashSet<>();
    List<Long> applying = new ArrayList<>();
    List<SearchRepository.Change> seen = repository.changesFrom(db, from);
    for (SearchRepository.Change change : seen) {
      if (!appliedAboveWatermark.contains(change.id())) {
        applying.add(change.id());
        changed.add(change.manualId());
      }
    }
    replaceAll(List.copyOf(changed), (done, total) -> {});
    // Only once they are in the index: a run that fails on the way (PostgreSQL restarting while
    // the texts are read) leaves them to the next run instead of counting them as applied.
    appliedAboveWatermark.addAll(applying);
    changesApplied.addAndGet(changed.size());
    caughtUpOnce = true;
    long watermark = Math.max(from, xmin);
    // Below the new watermark nothing is read again: forget those.
    seen.stream()
        .filter(c -> c.txid() < watermark)
        .forEach(c -> appliedAboveWatermark.remove(c.id()));
    // Searches see changes at once (refresh); making them durable (commit, with fsync) waits
    // up to a second so that a stream of publishes does not pay a commit each: a crash before
    // the commit replays them from the committed watermark.
    uncommitted |= !changed.isEmpty();
    long sinceCommit = System.nanoTime() - lastCommit;
    if ((uncommitted && sinceCommit > CHANGE_COMMIT_NANOS) || sinceCommit > IDLE_COMMIT_NANOS) {
      index.commit(watermark, index.reindexDone());
      lastCommit = System.nanoTime();
      uncommitted = false;
    } else {
      index.advance(watermark);
    }
    if (!changed.isEmpty()) {
      index.refresh();
    }
  }

  /** A manual's documents, or nothing when they could not be made (it keeps its old ones). */
  private record Prepared(long manualId, List<SearchDocument> documents) {}

  /**
   * One manual that cannot be indexed (a parser failure on its text) is logged and left as it was:
   * it must not stop every later change from reaching the index.
   */
  private List<Prepared> prepare(List<Long> manualIds) {
    SearchDocuments.Batch batch = documents.read(manualIds);
    List<Prepared> prepared = new ArrayList<>();
    for (Long manualId : manualIds) {
      try {
        prepared.add(new Prepared(manualId, documents.of(batch, manualId)));
      } catch (RuntimeException | StackOverflowError | AssertionError e) {
        log.error("Manual {} could not be indexed; it keeps its previous documents", manualId, e);
        prepared.add(new Prepared(manualId, null));
      }
    }
    return prepared;
  }

  /**
   * Replaces the documents of these manuals, read from PostgreSQL a batch at a time. The next batch
   * is read and split into procedures on a second thread while this one analyses and indexes the
   * current one: the two halves of a rebuild take about as long, and the machine has two cores. (A
   * publish, one batch, never leaves this thread.)
   */
  private void replaceAll(List<Long> manuals, Progress progress) {
    List<List<Long>> batches = new ArrayList<>();
    for (int from = 0; from < manuals.size(); from += BATCH) {
      batches.add(manuals.subList(from, Math.min(manuals.size(), from + BATCH)));
    }
    int done = 0;
    Future<List<Prepared>> next = null;
    for (int b = 0; b < batches.size(); b++) {
      List<Prepared> current = b == 0 ? prepare(batches.get(0)) : result(next);
      if (b + 1 < batches.size()) {
        List<Long> following = batches.get(b + 1);
        next = reader.submit(() -> prepare(following));
      }
      for (Prepared manual : current) {
        if (manual.documents() != null) {
          index.replaceManual(manual.manualId(), manual.documents());
        }
        progress.rebuilt(++done, manuals.size());
      }
    }
  }

  /** The reader thread's work, its failure (PostgreSQL gone) rethrown here as it was. */
  private static <T> T result(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading manuals", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Manuals read from PostgreSQL at once. */
  private static final int BATCH = 200;

  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "search-reader");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Change rows applied whose transaction is not below the watermark yet (read by {@link #status}
   * while a catch-up changes it).
   */
  private final Set<Long> appliedAboveWatermark = ConcurrentHashMap.newKeySet();

  /**
   * Runs a catch-up now on the indexer's thread (a change was announced); several calls before it
   * runs make one.
   */
  public void wake() {
    if (wakePending.compareAndSet(false, true)) {
      background.now(
          () -> {
            wakePending.set(false);
            catchUp();
          });
    }
  }

  private final AtomicBoolean wakePending = new AtomicBoolean();

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
    rebuild(requestId, progress, false);
  }

  /**
   * @param databaseWentBack the database is older than the index: its latest request becomes the
   *     one done (the index's was counted in the abandoned history)
   */
  private void rebuild(long requestId, Progress progress, boolean databaseWentBack) {
    long started = System.nanoTime();
    long xmin = repository.snapshotXmin(db);
    List<Long> manuals = repository.publishedManualIds(db);
    rebuilding = new Rebuilding(index.fresh(), 0, manuals.size());
    try {
      replaceAll(
          manuals,
          (done, total) -> {
            rebuilding = new Rebuilding(rebuilding.fromNothing(), done, total);
            progress.rebuilt(done, total);
          });
    } finally {
      rebuilding = null;
    }
    index.keepOnly(manuals);
    // Every change below xmin is in what was just read; those above are read again next run.
    appliedAboveWatermark.clear();
    index.commit(xmin, databaseWentBack ? requestId : Math.max(requestId, index.reindexDone()));
    index.refresh();
    index.mergeAfterRebuild();
    lastCommit = System.nanoTime();
    uncommitted = false;
    log.info(
        "Search index rebuilt: {} manuals, {} documents in {} ms",
        manuals.size(),
        index.documentCount(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  /** A rebuild under way: from an empty index, or over one that searches go on using. */
  private record Rebuilding(boolean fromNothing, int done, int total) {}

  private volatile Rebuilding rebuilding;
  private volatile boolean caughtUpOnce;
  private final AtomicLong catchUps = new AtomicLong();
  private final AtomicLong changesApplied = new AtomicLong();

  /**
   * Changes committed this long ago and still not searchable mean the indexer is stuck or far
   * behind; younger ones are in flight (the poll runs every half second).
   */
  static final Duration LAG_TOLERANCE = Duration.ofSeconds(10);

  /** Where the index stands against PostgreSQL, for {@code /ready} and the metrics. */
  public enum State {
    /** The first catch-up since start has not ended: what the index holds may be old. */
    STARTING,
    /** Built from nothing: searches find only part of what is published. */
    BUILDING,
    /** Rebuilt on request: searches go on with the previous documents meanwhile. */
    REBUILDING,
    /** Some committed change has waited more than {@link #LAG_TOLERANCE}. */
    LAGGING,
    CAUGHT_UP;

    /** Whether searches answer as they should: a load balancer may send people here. */
    public boolean serves() {
      return this == REBUILDING || this == CAUGHT_UP;
    }
  }

  /**
   * @param rebuilt manuals done so far by the rebuild under way (0 when there is none)
   * @param toRebuild manuals the rebuild under way has to do
   * @param pending committed changes not searchable yet
   */
  public record Status(State state, int rebuilt, int toRebuild, Backlog pending) {}

  /** Reads the change log (one query); does not wait for a catch-up or a rebuild under way. */
  public Status status() {
    Backlog pending = repository.pending(db, index.watermark(), List.copyOf(appliedAboveWatermark));
    Rebuilding now = rebuilding;
    if (now != null) {
      return new Status(
          now.fromNothing() ? State.BUILDING : State.REBUILDING, now.done(), now.total(), pending);
    }
    State state =
        !caughtUpOnce
            ? State.STARTING
            : pending.oldest().compareTo(LAG_TOLERANCE) > 0 ? State.LAGGING : State.CAUGHT_UP;
    return new Status(state, 0, 0, pending);
  }

  /** Catch-up runs since start (each poll, notification and rebuild is one). */
  public long catchUps() {
    return catchUps.get();
  }

  /** Manuals whose documents were replaced because of a change, since start. */
  public long changesApplied() {
    return changesApplied.get();
  }

  /** Stops the polling and makes what was applied durable, with its watermark. */
  @Override
  public void close() {
    background.close();
    reader.shutdownNow();
    synchronized (this) {
      if (uncommitted) {
        index.commit(index.watermark(), index.reindexDone());
        uncommitted = false;
      }
    }
  }
}
