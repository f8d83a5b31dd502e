package vademecum.workspace;

import io.javalin.http.Context;
import java.util.Map;
import vademecum.kernel.ReadingProgress;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.ShelfService;
import vademecum.web.Access;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** The start page (the reader's workspaces) and each workspace's list of manuals. */
public final class WorkspaceRoutes implements WebServer.Routes {
  private final ShelfService shelf;
  private final Access access;
  private final Templates templates;
  private final Reading reading;

  /**
   * How far a reader is through the procedures to confirm, by workspace address; answered by the
   * acknowledgement feature, which this package does not know.
   */
  @FunctionalInterface
  public interface Reading {
    Map<String, ReadingProgress> byWorkspace(long accountId);
  }

  public WorkspaceRoutes(ShelfService shelf, Access access, Templates templates, Reading reading) {
    this.shelf = shelf;
    this.access = access;
    this.templates = templates;
    this.reading = reading;
  }

  @Override
  public void register(Router router) {
    router.get("/", Need.SIGNED_IN, this::home);
    router.get("/w/{workspace}", Need.MEMBER, this::workspace);
  }

  private void home(Context ctx) {
    var mine = access.memberships(ctx);
    templates.render(
        ctx,
        "home.jte",
        new HomePage(access.chrome(ctx), mine, reading.byWorkspace(access.account(ctx).id())));
  }

  private void workspace(Context ctx) {
    String deleted = ctx.queryParam("deleted");
    if (deleted != null && !deleted.matches("[a-z0-9-]{1,100}")) {
      // Only a manual's address: any text here showed as "… was deleted" to whoever followed it.
      deleted = null;
    }
    show(
        ctx,
        200,
        ctx.queryParam("organize") != null,
        null,
        null,
        deleted == null ? null : access.chrome(ctx).t("shelf.deleted", deleted));
  }

  /** The workspace page, with the organizing controls, a refusal or a notice when given. */
  void show(
      Context ctx,
      int status,
      boolean organizing,
      String error,
      String collectionName,
      String notice) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    templates.render(
        ctx,
        status,
        "workspace/show.jte",
        new WorkspacePage(
            access.chrome(ctx),
            workspace,
            shelf.shelf(workspace, role, ctx.queryParam("tag")),
            role.canEdit(),
            role == Role.OWNER,
            role.canShare(),
            reading.byWorkspace(access.account(ctx).id()).get(workspace.slug()),
            organizing && role.canEdit(),
            error,
            collectionName,
            notice));
  }
}
