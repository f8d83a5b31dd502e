package vademecum.ack;

import java.util.List;
import org.jooq.DSLContext;

/**
 * A reader has just acknowledged procedure versions.
 *
 * @param requested the versions the reader confirmed
 * @param recorded those among them not acknowledged before (never empty: an acknowledgement that
 *     records nothing new is no event)
 */
public record Acknowledged(
    long accountId, Long workspaceId, List<Long> requested, List<Long> recorded) {

  /**
   * Something every acknowledgement makes happen (the audit row, the webhook event), in the same
   * transaction; the composition root lists them.
   */
  @FunctionalInterface
  public interface Listener {
    void acknowledged(DSLContext tx, Acknowledged event);
  }
}
