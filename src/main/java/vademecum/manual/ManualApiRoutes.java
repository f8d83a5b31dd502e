package vademecum.manual;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
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
    router.get(BASE, Need.API_MEMBER, this::list);
    router.post(BASE, Need.API_EDITOR, this::create);
    router.get(BASE + "/{manual}", Need.API_MEMBER, this::read);
    router.get(BASE + "/{manual}/revisions", Need.API_EDITOR, this::revisions);
    router.post(BASE + "/{manual}/revisions", Need.API_EDITOR, this::save);
    router.post(BASE + "/{manual}/publish", Need.API_EDITOR, this::publish);
  }

  private void list(Context ctx) {
    Role role = access.role(ctx);
    List<Map<String, Object>> list =
        manuals.list(access.workspace(ctx), role).stream()
            .map(
                m -> {
                  Map<String, Object> json = new LinkedHashMap<>();
                  json.put("slug", m.slug());
                  json.put("title", m.title());
                  json.put("language", m.language());
                  json.put("tags", m.tags());
                  json.put("procedures", m.procedureCount());
                  json.put("publishedRevision", m.publishedNumber());
                  if (role.canEdit()) {
                    json.put("latestRevision", m.latestNumber());
                  }
                  json.put("sourcePath", m.sourcePath());
                  return json;
                })
            .toList();
    ctx.json(Map.of("manuals", list));
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
    Revision revision = view.revision();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("slug", view.manual().slug());
    json.put("title", revision.title());
    json.put("language", view.manual().language());
    json.put("tags", revision.tags());
    json.put("description", revision.description());
    json.put("revision", revision.number());
    json.put("publishedRevision", view.publishedNumber());
    if (access.role(ctx).canEdit()) {
      json.put("latestRevision", view.latestNumber());
    }
    json.put("sourcePath", view.manual().sourcePath());
    json.put(
        "procedures",
        view.procedures().stream().map(p -> Map.of("key", p.key(), "title", p.title())).toList());
    json.put("markdown", revision.markdown());
    json.put("html", view.html());
    ctx.json(json);
  }

  private void revisions(Context ctx) {
    Manual manual = manuals.require(access.workspace(ctx), ctx.pathParam("manual"));
    ctx.json(
        Map.of(
            "revisions",
            manuals.history(manual).stream()
                .map(
                    r -> {
                      Map<String, Object> json = new LinkedHashMap<>();
                      json.put("number", r.number());
                      json.put("title", r.title());
                      json.put("author", r.authorName());
                      json.put("note", r.note());
                      json.put("minor", r.minor());
                      json.put("createdAt", r.createdAt().toString());
                      json.put("published", r.currentlyPublished());
                      return json;
                    })
                .toList()));
  }

  private void create(Context ctx) {
    Draft draft = draft(JsonBody.of(ctx), null);
    ManualService.Saved saved =
        manuals.create(access.workspace(ctx), draft, null, access.actor(ctx));
    ctx.status(HttpStatus.CREATED).json(saved(saved));
  }

  private void save(Context ctx) {
    JsonBody body = JsonBody.of(ctx);
    Integer base = body.integer("base");
    if (base == null) {
      throw Refusal.badRequest("The field base (the revision the text starts from) is missing.");
    }
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    Draft draft = draft(body, base);
    try {
      ManualService.Saved saved = manuals.save(workspace, slug, draft, access.actor(ctx));
      ctx.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).json(saved(saved));
    } catch (EditConflict conflict) {
      conflict(ctx, conflict);
    }
  }

  private void publish(Context ctx) {
    JsonBody body = JsonBody.of(ctx);
    Integer number = body.integer("revision");
    if (number == null) {
      throw Refusal.badRequest("The field revision (the number to publish) is missing.");
    }
    try {
      Revision revision =
          manuals.publish(
              access.workspace(ctx),
              ctx.pathParam("manual"),
              number,
              body.flag("minor"),
              access.actor(ctx));
      ctx.json(Map.of("slug", ctx.pathParam("manual"), "publishedRevision", revision.number()));
    } catch (EditConflict conflict) {
      conflict(ctx, conflict);
    }
  }

  /** 409 with what the client needs to merge: the current revision and its text. */
  private static void conflict(Context ctx, EditConflict conflict) {
    Map<String, Object> current = new LinkedHashMap<>();
    current.put("number", conflict.latest.number());
    current.put("author", conflict.latest.authorName());
    current.put("createdAt", conflict.latest.createdAt().toString());
    current.put("title", conflict.latest.title());
    current.put("markdown", conflict.latest.markdown());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", "conflict");
    json.put("message", conflict.getMessage());
    json.put("current", current);
    ctx.status(HttpStatus.CONFLICT).json(json);
  }

  private static Draft draft(JsonBody body, Integer base) {
    return new Draft(
        body.text("title", ""),
        body.text("language", "fr"),
        body.texts("tags"),
        body.text("description", ""),
        body.text("markdown", ""),
        base,
        body.text("note", ""),
        body.flag("minor"),
        body.flag("publish"));
  }

  private static Map<String, Object> saved(ManualService.Saved saved) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("slug", saved.manual().slug());
    json.put("revision", saved.revision().number());
    json.put("created", saved.created());
    json.put(
        "published",
        saved.manual().isPublished()
            && saved.manual().publishedRevisionId() == saved.revision().id());
    return json;
  }
}
