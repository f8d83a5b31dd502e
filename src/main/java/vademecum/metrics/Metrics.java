package vademecum.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Backlog;

/**
 * The instance's meters, in Prometheus's text format: the JVM's (memory, collections, threads,
 * classes, CPU, file descriptors, uptime) from Micrometer's own binders, and those the features
 * register. Figures that need a query (queues, the index's lag) are read once per scrape, by {@link
 * #beforeScrape} actions, rather than by each gauge.
 */
public final class Metrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Metrics.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics collections = new JvmGcMetrics();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  public Metrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    collections.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Runs before each scrape; a failure (PostgreSQL unreachable) is logged and the scrape goes on
   * with what the action could not refresh shown as NaN.
   */
  public void beforeScrape(Runnable action) {
    beforeScrape.add(action);
  }

  /**
   * A queue's length ({@code vademecum_queue_items}) and its oldest item's age ({@code
   * vademecum_queue_oldest_seconds}), tagged with its name, read once per scrape.
   */
  public void queue(String name, Supplier<Backlog> read) {
    AtomicReference<Backlog> last = new AtomicReference<>();
    beforeScrape(
        () -> {
          last.set(null);
          last.set(read.get());
        });
    Gauge.builder("vademecum.queue.items", last, l -> figure(l.get(), Backlog::size))
        .description("Items waiting in a queue of work done after commit")
        .tag("queue", name)
        .register(registry);
    TimeGauge.builder(
            "vademecum.queue.oldest",
            last,
            TimeUnit.MILLISECONDS,
            l -> figure(l.get(), b -> b.oldest().toMillis()))
        .description("How long the oldest item of a queue has waited")
        .tag("queue", name)
        .register(registry);
  }

  private static double figure(Backlog backlog, ToLongFunction<Backlog> part) {
    return backlog == null ? Double.NaN : part.applyAsLong(backlog);
  }

  /** Every meter in Prometheus's text exposition format. */
  public String scrape() {
    for (Runnable action : beforeScrape) {
      try {
        action.run();
      } catch (RuntimeException e) {
        log.warn("A figure could not be read for the metrics: {}", e.toString());
      }
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    collections.close();
    registry.close();
  }
}
