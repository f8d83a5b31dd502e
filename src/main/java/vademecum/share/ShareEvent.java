package vademecum.share;

import org.jooq.DSLContext;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;

/** Something that has just happened to a share link. */
public sealed interface ShareEvent {
  long linkId();

  /** A link was made for a candidate. */
  record Created(
      Workspace workspace, long linkId, String label, String manualSlug, int days, Actor actor)
      implements ShareEvent {}

  /** A link was revoked; its next opening answers 404. */
  record Revoked(Workspace workspace, long linkId, Actor actor) implements ShareEvent {}

  /** The candidate pressed "I have read this manual" (recorded once). */
  record ReadByCandidate(long workspaceId, long linkId) implements ShareEvent {}

  /**
   * Something every share event makes happen, in the same transaction; the composition root lists
   * them.
   */
  @FunctionalInterface
  interface Listener {
    void happened(DSLContext tx, ShareEvent event);
  }
}
