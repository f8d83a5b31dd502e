package vademecum.kernel;

import java.time.Duration;

/**
 * What waits in a queue of work done after commit (reminder e-mails, webhook deliveries): how many
 * items, and how long the oldest has waited ({@link Duration#ZERO} when none does). A growing age
 * is what an operator alerts on: a queue can be short and stuck.
 */
public record Backlog(long size, Duration oldest) {
  public static final Backlog EMPTY = new Backlog(0, Duration.ZERO);

  /**
   * @param oldestSeconds the oldest item's age as the database measured it, null for no item
   */
  public static Backlog of(long size, Double oldestSeconds) {
    return new Backlog(
        size,
        oldestSeconds == null
            ? Duration.ZERO
            : Duration.ofMillis(Math.round(oldestSeconds * 1000)));
  }
}
