package vademecum.run;

import org.jooq.DSLContext;

/**
 * What happened to a run, told in the transaction that did it (the webhook outbox writes it there,
 * so that it is sent if and only if the change commits).
 *
 * @param kind {@code started} (by a person or by its schedule), {@code done} (finished, with or
 *     without problems) or {@code overdue} (its due date passed with steps open)
 */
public record RunEvent(String kind, Run run) {
  @FunctionalInterface
  public interface Listener {
    void on(DSLContext tx, RunEvent event);
  }
}
