package vademecum.search;

import io.javalin.http.Context;
import java.util.Locale;
import org.jooq.exception.DataAccessException;
import vademecum.db.Database;
import vademecum.web.Router;
import vademecum.web.WebServer;

/**
 * {@code GET /ready}: whether a load balancer may send people here. {@code /health} says the node
 * can serve at all; this also waits for the search index, the one thing a node keeps apart from
 * PostgreSQL. Not ready: the database does not answer, the first catch-up since start has not
 * ended, the index is being built from nothing, or a change committed more than ten seconds ago is
 * still not searchable. A rebuild asked for by an administrator leaves the node ready: searches go
 * on with the previous documents meanwhile, and every node rebuilds at once.
 */
public final class ReadyRoutes implements WebServer.Routes {
  private final Database database;
  private final SearchIndexer indexer;

  public ReadyRoutes(Database database, SearchIndexer indexer) {
    this.database = database;
    this.indexer = indexer;
  }

  /**
   * {@code ready} or {@code not-ready}; {@code database} {@code ok} or {@code unreachable}; the
   * index's state ({@code starting}, {@code building}, {@code rebuilding}, {@code lagging}, {@code
   * caught-up}, or {@code unknown} without the database).
   */
  public record Readiness(String status, String database, Index search) {}

  /**
   * @param pendingChanges committed changes not searchable yet
   * @param oldestPendingSeconds how long the oldest of them has waited
   * @param rebuilt manuals a rebuild under way has done
   * @param toRebuild manuals it has to do in all
   */
  public record Index(
      String state, long pendingChanges, double oldestPendingSeconds, int rebuilt, int toRebuild) {}

  @Override
  public void register(Router router) {
    router.get("/ready", Router.Need.PUBLIC, this::ready);
  }

  private void ready(Context ctx) {
    SearchIndexer.Status status = database.ping() ? statusOrNull() : null;
    if (status == null) {
      ctx.status(503)
          .json(new Readiness("not-ready", "unreachable", new Index("unknown", 0, 0, 0, 0)));
      return;
    }
    boolean ready = status.state().serves();
    ctx.status(ready ? 200 : 503)
        .json(
            new Readiness(
                ready ? "ready" : "not-ready",
                "ok",
                new Index(
                    status.state().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    status.pending().size(),
                    status.pending().oldest().toMillis() / 1000.0,
                    status.rebuilt(),
                    status.toRebuild())));
  }

  /** The database answered the ping but may fail the next query. */
  private SearchIndexer.Status statusOrNull() {
    try {
      return indexer.status();
    } catch (DataAccessException e) {
      return null;
    }
  }
}
