package vademecum.workspace;

import io.javalin.http.Context;
import java.util.List;
import vademecum.kernel.Account;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/** {@code /api/v1/me} and {@code /api/v1/workspaces}, with the same rights as the web pages. */
public final class WorkspaceApiRoutes implements WebServer.Routes {
  private final Access access;

  public WorkspaceApiRoutes(Access access) {
    this.access = access;
  }

  public record Me(String email, String name, String language, boolean admin) {}

  public record WorkspaceList(List<WorkspaceItem> workspaces) {}

  /** {@code role}: owner, editor, assistant or recruiter. */
  public record WorkspaceItem(String slug, String name, String role) {}

  @Override
  public void register(Router router) {
    router.get(
        "/api/v1/me",
        Need.API,
        ApiDoc.of("The account behind the token.", "any", Me.class),
        this::me);
    router.get(
        "/api/v1/workspaces",
        Need.API,
        ApiDoc.of("The workspaces of the account, with its role.", "any", WorkspaceList.class),
        this::workspaces);
  }

  private void me(Context ctx) {
    Account account = access.account(ctx);
    ctx.json(new Me(account.email(), account.displayName(), account.language(), account.admin()));
  }

  private void workspaces(Context ctx) {
    ctx.json(
        new WorkspaceList(
            access.memberships(ctx).stream()
                .map(m -> new WorkspaceItem(m.slug(), m.name(), m.role().column()))
                .toList()));
  }
}
