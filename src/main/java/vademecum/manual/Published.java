package vademecum.manual;

import java.util.Map;
import org.jooq.DSLContext;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;

/**
 * A revision has just become a manual's published one.
 *
 * @param rekeyed procedures that go by another key from now on, old key to new (a manual with no
 *     {@code ##} heading renamed: its one procedure's key follows the title)
 */
public record Published(
    Workspace workspace,
    long manualId,
    String manualSlug,
    Revision revision,
    boolean minor,
    Actor actor,
    Map<String, String> rekeyed) {

  /**
   * Something every publish makes happen (the search change feed, reminders, webhooks), written in
   * the publishing transaction so that it happens if and only if the publish commits. The
   * composition root lists them, so that every consequence of a publish reads in one place.
   */
  @FunctionalInterface
  public interface Listener {
    void published(DSLContext tx, Published event);
  }
}
