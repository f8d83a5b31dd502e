package vademecum.db;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * PostgreSQL advisory locks held until the transaction ends, one per kind of change and workspace,
 * for changes that check a state which has no row to lock yet (a free address, a first list).
 */
public final class WorkspaceLocks {
  /** Creating a manual: two at once chose the same free address. */
  public static final int MANUAL_CREATION = 1;

  /** Saving the synonym list: two first saves both found no list to conflict with. */
  public static final int SYNONYMS = 2;

  /**
   * Naming a collection: two at once both found the name free (the first collection has no row to
   * lock), and the second failed on the unique key.
   */
  public static final int COLLECTION_NAMES = 3;

  /**
   * Placing a manual out of every collection: two at once both counted the same manuals there and
   * took one position (a collection's placements lock its row instead).
   */
  public static final int UNSORTED_PLACEMENT = 4;

  private WorkspaceLocks() {}

  /** Waits for the lock of this kind and workspace; it is released with the transaction. */
  public static void hold(DSLContext tx, int kind, long workspaceId) {
    // The two-integer form: its keys never meet the one-bigint keys of Database.withLock.
    tx.select(
            DSL.function(
                "pg_advisory_xact_lock",
                Object.class,
                DSL.inline(kind),
                // Ids past 2^31 share a key with another workspace: they wait, never fail.
                DSL.val((int) (workspaceId ^ (workspaceId >>> 32)))))
        .fetch();
  }
}
