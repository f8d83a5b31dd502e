package vademecum.web;

import io.javalin.http.Context;
import vademecum.db.Database;

/** {@code GET /health}: 200 once the app can serve, 503 while its database does not answer. */
public final class HealthRoutes implements WebServer.Routes {
  private final Database database;

  public HealthRoutes(Database database) {
    this.database = database;
  }

  /**
   * For load balancers and monitors: {@code ok}/{@code ok}, or {@code unavailable}/{@code
   * unreachable}.
   */
  public record Health(String status, String database) {}

  @Override
  public void register(Router router) {
    router.get("/health", Router.Need.PUBLIC, this::health);
  }

  private void health(Context ctx) {
    if (database.ping()) {
      ctx.json(new Health("ok", "ok"));
    } else {
      ctx.status(503).json(new Health("unavailable", "unreachable"));
    }
  }
}
