package vademecum.manual;

import org.jooq.DSLContext;

/** A manual was archived, brought back, deleted, restored or purged: who may see it changed. */
public record Shelved(long workspaceId, long manualId, Change change) {

  public enum Change {
    ARCHIVED,
    UNARCHIVED,
    DELETED,
    UNDELETED,
    PURGED
  }

  /**
   * Something that follows in the same transaction (the search index's change feed), listed by the
   * composition root like {@link Published.Listener}.
   */
  @FunctionalInterface
  public interface Listener {
    void shelved(DSLContext tx, Shelved event);
  }
}
