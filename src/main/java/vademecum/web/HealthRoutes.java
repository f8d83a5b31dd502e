package vademecum.web;

import io.javalin.http.Context;
import java.util.Map;
import org.jooq.DSLContext;

/** {@code GET /health}: 200 once the app can serve, 503 while its database does not answer. */
public final class HealthRoutes implements WebServer.Routes {
  private final DSLContext db;

  public HealthRoutes(DSLContext db) {
    this.db = db;
  }

  @Override
  public void register(Router router) {
    router.get("/health", Router.Need.PUBLIC, this::health);
  }

  private void health(Context ctx) {
    try {
      db.selectOne().fetch();
      ctx.json(Map.of("status", "ok", "database", "ok"));
    } catch (RuntimeException e) {
      ctx.status(503).json(Map.of("status", "unavailable", "database", "unreachable"));
    }
  }
}
