package vademecum.ack;

import io.javalin.http.Context;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualService;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.JsonBody;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/** Acknowledgements through {@code /api/v1/}: standings, acknowledging, the dashboard. */
public final class AckApiRoutes implements WebServer.Routes {
  private final AckService acks;
  private final ManualService manuals;
  private final Access access;

  public AckApiRoutes(AckService acks, ManualService manuals, Access access) {
    this.acks = acks;
    this.manuals = manuals;
    this.access = access;
  }

  @Override
  public void register(Router router) {
    router.get(
        "/api/v1/workspaces/{workspace}/manuals/{manual}/procedures",
        Need.API_MEMBER,
        ApiDoc.of(
            "Published procedures with the version to acknowledge and the caller's standing.",
            "member",
            AckJson.ProcedureList.class),
        this::procedures);
    router.post(
        "/api/v1/workspaces/{workspace}/acknowledgements",
        Need.API_MEMBER,
        ApiDoc.of(
                "Acknowledge procedure versions: {\"versions\": [versionId, …]}.",
                "assistant, editor",
                AckJson.Recorded.class)
            .withBody(AckJson.AckBody.class),
        this::acknowledge);
    router.get(
        "/api/v1/workspaces/{workspace}/dashboard",
        Need.API_EDITOR,
        ApiDoc.of(
            "Who has read what: assistants × procedures.",
            "owner, editor",
            AckJson.DashboardAnswer.class),
        this::dashboard);
  }

  /** The published procedures with the version to acknowledge and the caller's standing. */
  private void procedures(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    var manual = manuals.require(workspace, ctx.pathParam("manual"));
    if (!manual.isPublished() || (manual.isArchived() && !access.role(ctx).canEdit())) {
      // Word for word what a manual that does not exist answers: a draft's address stays unknown,
      // and an archived manual is hidden from readers as on its page.
      throw Refusal.notFound("No manual " + manual.slug() + " in " + workspace.slug());
    }
    ctx.json(
        new AckJson.ProcedureList(
            manual.slug(),
            acks.standingsInManual(access.account(ctx).id(), manual.id()).values().stream()
                .map(AckJson.ProcedureItem::of)
                .toList()));
  }

  private void acknowledge(Context ctx) {
    Role role = access.role(ctx);
    if (role != Role.ASSISTANT && role != Role.EDITOR) {
      throw Refusal.forbidden("Only assistants and editors acknowledge procedures.");
    }
    AckJson.AckBody body = AckJson.AckBody.read(JsonBody.of(ctx, AckJson.AckBody.class));
    int recorded =
        acks.acknowledge(access.account(ctx).id(), access.workspace(ctx).id(), body.versions());
    ctx.json(new AckJson.Recorded(recorded));
  }

  private void dashboard(Context ctx) {
    ctx.json(AckJson.DashboardAnswer.of(acks.dashboard(access.workspace(ctx))));
  }
}
