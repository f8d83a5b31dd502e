package vademecum.db;

import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Writes that only keep track (when a session or token was last seen) and that a request makes on
 * its way: their commit does not wait for the write-ahead log to reach the disk. PostgreSQL's
 * {@code synchronous_commit = off}, for this transaction only: the write is still atomic and
 * ordered, and a crash can lose at most the last fraction of a second of such stamps, which only
 * makes a session look idle a little earlier. With fsync on, waiting for the disk made one request
 * a minute per token take 150 ms (seen in Flight Recorder under the search benchmark).
 */
public final class Bookkeeping {
  private Bookkeeping() {}

  public static void write(DSLContext db, Consumer<DSLContext> update) {
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          tx.execute("set local synchronous_commit = off");
          update.accept(tx);
        });
  }
}
