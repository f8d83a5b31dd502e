package vademecum.workspace;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import vademecum.manual.ManualErrors;
import vademecum.manual.ManualService;
import vademecum.web.Access;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** The start page and each workspace's list of manuals. */
public final class WorkspaceRoutes implements WebServer.Routes {
  private final WorkspaceRepository workspaces;
  private final ManualService manuals;
  private final Access access;
  private final Templates templates;

  public WorkspaceRoutes(
      WorkspaceRepository workspaces, ManualService manuals, Access access, Templates templates) {
    this.workspaces = workspaces;
    this.manuals = manuals;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/", this::home);
    routes.get("/w/{workspace}", this::workspace);
  }

  private void home(Context ctx) {
    templates.render(ctx, "home.jte", new HomePage(workspaces.all()));
  }

  private void workspace(Context ctx) {
    Workspace workspace = require(ctx.pathParam("workspace"));
    Role role = access.role(ctx, workspace);
    templates.render(
        ctx,
        "workspace/show.jte",
        new WorkspacePage(workspace, manuals.list(workspace, role), role.canEdit()));
  }

  public Workspace require(String slug) {
    return workspaces
        .findBySlug(slug)
        .orElseThrow(() -> new ManualErrors.NotFound("There is no workspace " + slug + "."));
  }
}
