package vademecum.kernel;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task repeated on its own daemon thread. A failing run is logged and the next one tries again:
 * background work must outlive a PostgreSQL restart.
 */
public final class Background implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Background.class);

  private final String name;
  private final ScheduledExecutorService scheduler;

  public Background(String name) {
    this.name = name;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs {@code task} after {@code initialDelay}, then {@code interval} after each run ends. */
  public void every(Duration initialDelay, Duration interval, Runnable task) {
    scheduler.scheduleWithFixedDelay(
        () -> runGuarded(task),
        initialDelay.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} once, as soon as the current run (if any) ends. */
  public void now(Runnable task) {
    try {
      scheduler.execute(() -> runGuarded(task));
    } catch (RejectedExecutionException e) {
      // Closing: the task is not needed any more.
    }
  }

  /**
   * Each failure is logged with its stack trace; the same failure repeated run after run (the
   * database still restarting, say) in one line each until a run succeeds or fails otherwise. An
   * Error escaping a scheduled run would cancel every later run without a word: it is caught too.
   */
  private void runGuarded(Runnable task) {
    try {
      task.run();
      lastFailure = null;
    } catch (RuntimeException | Error e) {
      String failure = e.getClass().getName() + ": " + e.getMessage();
      if (failure.equals(lastFailure)) {
        log.warn("{} failed again: {}; it runs again at the next interval", name, failure);
      } else {
        log.error("{} failed; it runs again at the next interval", name, e);
      }
      lastFailure = failure;
    }
  }

  /** Only the scheduler's single thread reads and writes it. */
  private String lastFailure;

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
