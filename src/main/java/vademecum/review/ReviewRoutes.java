package vademecum.review;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualService;
import vademecum.manual.ManualView;
import vademecum.markdown.Section;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Redirects;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** The review page, a manual's owner and interval, "still accurate", and out-of-date flags. */
public final class ReviewRoutes implements WebServer.Routes {
  private final ReviewService reviews;
  private final ManualService manuals;
  private final Access access;
  private final Templates templates;

  public ReviewRoutes(
      ReviewService reviews, ManualService manuals, Access access, Templates templates) {
    this.reviews = reviews;
    this.manuals = manuals;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/review", Need.EDITOR, this::attention);
    router.get("/w/{workspace}/m/{manual}/review", Need.EDITOR, this::overview);
    router.post("/w/{workspace}/m/{manual}/review", Need.EDITOR, this::stillAccurate);
    router.post("/w/{workspace}/m/{manual}/stewardship", Need.EDITOR, this::stewardship);
    router.get("/w/{workspace}/m/{manual}/p/{procedure}/flag", Need.MEMBER, this::flagForm);
    router.post("/w/{workspace}/m/{manual}/p/{procedure}/flag", Need.MEMBER, this::flag);
    router.post("/w/{workspace}/flags/{flag}/resolve", Need.EDITOR, this::resolve);
  }

  private void attention(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    templates.render(
        ctx,
        "review/attention.jte",
        new AttentionPage(
            access.chrome(ctx), workspace, reviews.attention(workspace, access.role(ctx))));
  }

  private void overview(Context ctx) {
    render(ctx, null, ctx.queryParam("done") != null);
  }

  private void render(Context ctx, String error, boolean done) {
    Workspace workspace = access.workspace(ctx);
    templates.render(
        ctx,
        "review/manual.jte",
        new StewardPage(
            access.chrome(ctx),
            workspace,
            reviews.overview(workspace, access.role(ctx), ctx.pathParam("manual")),
            error,
            done));
  }

  private void stillAccurate(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    reviews.stillAccurate(
        workspace, access.role(ctx), access.actor(ctx), slug, Forms.text(ctx, "note"));
    ctx.redirect("/w/" + workspace.slug() + "/m/" + slug + "/review?done", HttpStatus.SEE_OTHER);
  }

  private void stewardship(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    Integer owner = Forms.integer(ctx, "owner");
    String months = Forms.text(ctx, "months").strip();
    Integer interval;
    try {
      interval = months.isEmpty() || months.equals("none") ? null : Integer.valueOf(months);
    } catch (NumberFormatException e) {
      throw Refusal.badRequest("The review interval is a number of months, or none.");
    }
    try {
      reviews.setStewardship(
          workspace,
          access.role(ctx),
          access.actor(ctx),
          slug,
          owner == null ? null : owner.longValue(),
          interval);
      ctx.redirect("/w/" + workspace.slug() + "/m/" + slug + "/review?done", HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid e) {
      ctx.status(WebServer.status(e));
      render(ctx, e.getMessage(), false);
    }
  }

  private void flagForm(Context ctx) {
    renderFlag(ctx, "", null);
  }

  private void renderFlag(Context ctx, String note, String error) {
    Workspace workspace = access.workspace(ctx);
    if (access.role(ctx) == Role.RECRUITER) {
      throw Refusal.forbidden("Recruiters do not flag procedures.");
    }
    ManualView view = manuals.view(workspace, ctx.pathParam("manual"), Role.ASSISTANT, null);
    String key = ctx.pathParam("procedure");
    Section section =
        view.procedures().stream()
            .filter(p -> p.key().equals(key))
            .findFirst()
            .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
    templates.render(
        ctx,
        "review/flag.jte",
        new FlagPage(access.chrome(ctx), workspace, view, section, note, error));
  }

  private void flag(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    String key = ctx.pathParam("procedure");
    String note = Forms.text(ctx, "note");
    try {
      reviews.flag(workspace, access.role(ctx), access.actor(ctx), slug, key, note);
      ctx.redirect(
          "/w/" + workspace.slug() + "/m/" + slug + "?flagged#" + key, HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid e) {
      ctx.status(WebServer.status(e));
      renderFlag(ctx, note, e.getMessage());
    }
  }

  private void resolve(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("flag"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such flag here.");
    }
    reviews.resolveFlag(workspace, access.role(ctx), access.actor(ctx), id);
    String next = ctx.formParam("next");
    ctx.redirect(
        next == null ? "/w/" + workspace.slug() + "/review" : Redirects.safeNext(next),
        HttpStatus.SEE_OTHER);
  }
}
