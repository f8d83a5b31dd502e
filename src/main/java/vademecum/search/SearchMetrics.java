package vademecum.search;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import vademecum.metrics.Metrics;

/**
 * What searching costs and finds ({@code vademecum_search_seconds}, {@code vademecum_search_hits}),
 * and how the index stands against PostgreSQL: its size, the changes not searchable yet and the
 * oldest one's age, the catch-ups run, the state (the same that {@code /ready} reports).
 */
public final class SearchMetrics {
  /** Where a search came from: the results page, the results shown while typing, the API. */
  public enum Kind {
    PAGE,
    AS_YOU_TYPE,
    API
  }

  private final MeterRegistry registry;

  public SearchMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Runs the search and records its time and hit count; {@code outcome} tells searches that found
   * every word, those widened because too little did, and those that found nothing at all.
   */
  public SearchResults measure(Kind kind, Supplier<SearchResults> search) {
    long started = System.nanoTime();
    SearchResults results = search.get();
    String source = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    String outcome = results.total() == 0 ? "empty" : results.relaxed() ? "relaxed" : "found";
    Timer.builder("vademecum.search")
        .description("Searches, by where they came from and what they found")
        .tags("kind", source, "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    DistributionSummary.builder("vademecum.search.hits")
        .description("Procedures found by a search")
        .tags("kind", source)
        .register(registry)
        .record(results.total());
    return results;
  }

  /** The index's meters; the change log is read once per scrape. */
  public static void bindIndex(Metrics metrics, SearchIndexer indexer, SearchIndex index) {
    MeterRegistry registry = metrics.registry();
    AtomicReference<SearchIndexer.Status> status = new AtomicReference<>();
    metrics.beforeScrape(
        () -> {
          status.set(null);
          status.set(indexer.status());
        });
    Gauge.builder("vademecum.search.index.documents", index, SearchIndex::documentCount)
        .description("Documents in the search index (procedures, and public questions)")
        .register(registry);
    Gauge.builder("vademecum.search.index.size", index, SearchIndex::sizeOnDisk)
        .description("The search index's files on disk")
        .baseUnit(BaseUnits.BYTES)
        .register(registry);
    gauge(
        registry,
        "vademecum.search.index.pending",
        "Committed changes not searchable yet",
        status,
        s -> s.pending().size());
    gauge(
        registry,
        "vademecum.search.index.pending.oldest.seconds",
        "How long the oldest change not searchable yet has waited",
        status,
        s -> s.pending().oldest().toMillis() / 1000.0);
    gauge(
        registry,
        "vademecum.search.index.ready",
        "1 when searches answer from an index caught up with PostgreSQL (see /ready)",
        status,
        s -> s.state().serves() ? 1 : 0);
    gauge(
        registry,
        "vademecum.search.index.rebuild.remaining",
        "Manuals the rebuild under way has still to index",
        status,
        s -> s.toRebuild() - s.rebuilt());
    FunctionCounter.builder("vademecum.search.indexer.catchups", indexer, SearchIndexer::catchUps)
        .description("Catch-up runs of the indexer since start")
        .register(registry);
    FunctionCounter.builder(
            "vademecum.search.indexer.changes", indexer, SearchIndexer::changesApplied)
        .description("Manuals re-indexed because of a change since start")
        .register(registry);
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String description,
      AtomicReference<SearchIndexer.Status> status,
      ToDoubleFunction<SearchIndexer.Status> figure) {
    Gauge.builder(name, status, s -> s.get() == null ? Double.NaN : figure.applyAsDouble(s.get()))
        .description(description)
        .register(registry);
  }
}
