package vademecum.web;

import io.javalin.http.Context;
import java.util.Map;
import vademecum.db.Database;

/** {@code GET /health}: 200 once the app can serve, 503 while its database does not answer. */
public final class HealthRoutes implements WebServer.Routes {
  private final Database database;

  public HealthRoutes(Database database) {
    this.database = database;
  }

  @Override
  public void register(Router router) {
    router.get("/health", Router.Need.PUBLIC, this::health);
  }

  private void health(Context ctx) {
    if (database.ping()) {
      ctx.json(Map.of("status", "ok", "database", "ok"));
    } else {
      ctx.status(503).json(Map.of("status", "unavailable", "database", "unreachable"));
    }
  }
}
