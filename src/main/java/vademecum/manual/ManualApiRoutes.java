package vademecum.manual;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.JsonBody;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/**
 * Manuals through {@code /api/v1/}: the same services and the same rights as the pages. Errors are
 * JSON with a stable {@code error} code; a save from an outdated base answers 409 with the current
 * revision.
 */
public final class ManualApiRoutes implements WebServer.Routes {
  private static final String BASE = "/api/v1/workspaces/{workspace}/manuals";

  private final ManualService manuals;
  private final Access access;

  public ManualApiRoutes(ManualService manuals, Access access) {
    this.manuals = manuals;
    this.access = access;
  }

  @Override
  public void register(Router router) {
    router.get(
        BASE,
        Need.API_MEMBER,
        ApiDoc.of(
            "Manuals of the workspace; readers see published ones only.",
            "member",
            ManualJson.ManualList.class),
        this::list);
    router.post(
        BASE,
        Need.API_EDITOR,
        ApiDoc.of(
                "Create a manual: title, language, tags, description, markdown, publish, note.",
                "owner, editor",
                ManualJson.Saved.class)
            .withBody(ManualJson.DraftBody.class)
            .withStatus(201),
        this::create);
    router.get(
        BASE + "/{manual}",
        Need.API_MEMBER,
        ApiDoc.of(
                "A manual as Markdown and rendered HTML, with its procedures (?revision=N for"
                    + " editors).",
                "member",
                ManualJson.ManualDetail.class)
            .withQuery("revision: a revision's number (owners and editors)"),
        this::read);
    router.get(
        BASE + "/{manual}/revisions",
        Need.API_EDITOR,
        ApiDoc.of("Every revision of a manual.", "owner, editor", ManualJson.RevisionList.class),
        this::revisions);
    router.post(
        BASE + "/{manual}/revisions",
        Need.API_EDITOR,
        ApiDoc.of(
                "Save a revision from base revision number `base`; 409 with the current revision"
                    + " when someone saved since. `language`, `tags` and `description` left out"
                    + " stay as they are.",
                "owner, editor",
                ManualJson.Saved.class)
            .withBody(ManualJson.DraftBody.class)
            .withStatus(201)
            .withConflict(ManualJson.Conflict.class),
        this::save);
    router.post(
        BASE + "/{manual}/publish",
        Need.API_EDITOR,
        ApiDoc.of(
                "Publish revision `revision` (the latest), `minor` for a typo fix.",
                "owner, editor",
                ManualJson.Published.class)
            .withBody(ManualJson.PublishBody.class)
            .withConflict(ManualJson.Conflict.class),
        this::publish);
  }

  private void list(Context ctx) {
    boolean editor = access.role(ctx).canEdit();
    ctx.json(
        new ManualJson.ManualList(
            manuals.list(access.workspace(ctx), access.role(ctx)).stream()
                .map(m -> ManualJson.ManualItem.of(m, editor))
                .toList()));
  }

  /** Readers get the published revision; editors the latest, or {@code ?revision=N}. */
  private void read(Context ctx) {
    String param = ctx.queryParam("revision");
    Integer number;
    try {
      number = param == null ? null : Integer.valueOf(param);
    } catch (NumberFormatException e) {
      throw Refusal.badRequest("The parameter revision must be a number.");
    }
    ManualView view =
        manuals.view(access.workspace(ctx), ctx.pathParam("manual"), access.role(ctx), number);
    ctx.json(ManualJson.ManualDetail.of(view, access.role(ctx).canEdit()));
  }

  private void revisions(Context ctx) {
    Manual manual = manuals.require(access.workspace(ctx), ctx.pathParam("manual"));
    ctx.json(
        new ManualJson.RevisionList(
            manuals.history(manual).stream().map(ManualJson.RevisionItem::of).toList()));
  }

  private void create(Context ctx) {
    Draft draft =
        ManualJson.DraftBody.read(JsonBody.of(ctx, ManualJson.DraftBody.class)).toCreate();
    ManualService.Saved saved =
        manuals.create(access.workspace(ctx), draft, null, access.actor(ctx));
    ctx.status(HttpStatus.CREATED).json(ManualJson.Saved.of(saved));
  }

  private void save(Context ctx) {
    Draft draft = ManualJson.DraftBody.read(JsonBody.of(ctx, ManualJson.DraftBody.class)).toSave();
    Workspace workspace = access.workspace(ctx);
    try {
      ManualService.Saved saved =
          manuals.save(workspace, ctx.pathParam("manual"), draft, access.actor(ctx));
      ctx.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
          .json(ManualJson.Saved.of(saved));
    } catch (EditConflict conflict) {
      ctx.status(HttpStatus.CONFLICT).json(ManualJson.Conflict.of(conflict));
    }
  }

  private void publish(Context ctx) {
    ManualJson.PublishBody body =
        ManualJson.PublishBody.read(JsonBody.of(ctx, ManualJson.PublishBody.class));
    String slug = ctx.pathParam("manual");
    try {
      Revision revision =
          manuals.publish(
              access.workspace(ctx), slug, body.revision(), body.minor(), access.actor(ctx));
      ctx.json(new ManualJson.Published(slug, revision.number()));
    } catch (EditConflict conflict) {
      ctx.status(HttpStatus.CONFLICT).json(ManualJson.Conflict.of(conflict));
    }
  }
}
