package vademecum.workspace;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import vademecum.kernel.Account;
import vademecum.web.Access;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/** {@code /api/v1/me} and {@code /api/v1/workspaces}, with the same rights as the web pages. */
public final class WorkspaceApiRoutes implements WebServer.Routes {
  private final Access access;

  public WorkspaceApiRoutes(Access access) {
    this.access = access;
  }

  @Override
  public void register(Router router) {
    router.get("/api/v1/me", Need.API, this::me);
    router.get("/api/v1/workspaces", Need.API, this::workspaces);
  }

  private void me(Context ctx) {
    Account account = access.account(ctx);
    ctx.json(
        Map.of(
            "email", account.email(),
            "name", account.displayName(),
            "language", account.language(),
            "admin", account.admin()));
  }

  private void workspaces(Context ctx) {
    List<Map<String, String>> list =
        access.memberships(ctx).stream()
            .map(m -> Map.of("slug", m.slug(), "name", m.name(), "role", m.role().column()))
            .toList();
    ctx.json(Map.of("workspaces", list));
  }
}
