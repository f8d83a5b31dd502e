package vademecum.share;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualService;
import vademecum.manual.ShelfService;
import vademecum.web.Access;
import vademecum.web.Chrome;
import vademecum.web.Confirmation;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Creating, listing and revoking share links, and the candidate's page at {@code /s/{token}}. */
public final class ShareRoutes implements WebServer.Routes {
  private final ShareService shares;
  private final ShelfService shelf;
  private final Access access;
  private final Templates templates;

  public ShareRoutes(ShareService shares, ShelfService shelf, Access access, Templates templates) {
    this.shares = shares;
    this.shelf = shelf;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/m/{manual}/share", Need.SHARER, ctx -> form(ctx, 200, null, null));
    router.post("/w/{workspace}/shares", Need.SHARER, this::create);
    router.get(
        "/w/{workspace}/shares/new",
        Need.SHARER,
        ctx -> severalForm(ctx, 200, null, collection(ctx), null));
    router.get("/w/{workspace}/shares", Need.SHARER, this::list);
    router.get("/w/{workspace}/shares/{link}", Need.SHARER, this::show);
    router.post("/w/{workspace}/shares/{link}/revoke", Need.SHARER, this::revoke);
    router.get("/s/{token}", Need.PUBLIC, this::candidate);
    router.post("/s/{token}/read", Need.PUBLIC, this::confirmRead);
  }

  private void form(Context ctx, int status, ShareService.Request request, String error) {
    Workspace workspace = access.workspace(ctx);
    String slug = request == null ? ctx.pathParam("manual") : request.manualSlug();
    ManualService.Shared shared = shares.choices(workspace, slug);
    templates.render(
        ctx,
        status,
        "share/new.jte",
        new ShareFormPage(
            access.chrome(ctx),
            workspace,
            shared,
            request == null
                ? new ShareService.Request(slug, "", ShareService.DEFAULT_DAYS, List.of(), false)
                : request,
            ShareService.MAX_DAYS,
            error));
  }

  /** Several manuals in one link: ticked one by one, or a whole collection. */
  private void severalForm(
      Context ctx, int status, ShareService.Request request, Long collection, String error) {
    Workspace workspace = access.workspace(ctx);
    templates.render(
        ctx,
        status,
        "share/several.jte",
        new SeveralSharePage(
            access.chrome(ctx),
            workspace,
            shelf.shelf(workspace, Role.RECRUITER, null),
            request == null
                ? new ShareService.Request(
                    List.of(), "", ShareService.DEFAULT_DAYS, List.of(), false)
                : request,
            collection,
            ShareService.MAX_DAYS,
            error));
  }

  private static Long collection(Context ctx) {
    String value = ctx.formParam("collection");
    if (value == null) {
      value = ctx.queryParam("collection");
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no collection " + value + " here.");
    }
  }

  private void create(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Forms.requireUtf8(ctx);
    boolean several = "yes".equals(ctx.formParam("several"));
    Long collection = collection(ctx);
    List<String> manuals = new ArrayList<>();
    for (String slug : ctx.formParams("manual")) {
      Forms.noNul(slug);
      if (!slug.isBlank() && !manuals.contains(slug.strip())) {
        manuals.add(slug.strip());
      }
    }
    if (collection != null) {
      // A whole collection: its published manuals, in the order of the workspace page.
      for (String slug : shelf.publishedIn(workspace, collection)) {
        if (!manuals.contains(slug)) {
          manuals.add(slug);
        }
      }
    }
    String days = Forms.text(ctx, "days");
    ShareService.Request request =
        new ShareService.Request(
            manuals,
            Forms.text(ctx, "label"),
            days.strip().matches("\\d{1,4}")
                ? Integer.valueOf(days.strip())
                : days.isBlank() ? null : -1,
            ctx.formParams("procedure"),
            "pinned".equals(Forms.text(ctx, "revision")));
    if (manuals.isEmpty() && !several) {
      throw Refusal.badRequest("Choose the manual to share.");
    }
    ShareService.Created created;
    try {
      // "1.5" or "two" is out of range like 91 is: the form comes back with what was typed.
      created = shares.create(workspace, request, access.actor(ctx));
    } catch (Refusal refusal) {
      if (!(refusal instanceof Refusal.Invalid)) {
        throw refusal;
      }
      // The form comes back as it was typed.
      if (several) {
        severalForm(ctx, 400, request, collection, refusal.getMessage());
      } else {
        form(ctx, 400, request, refusal.getMessage());
      }
      return;
    }
    // The address exists only in this answer: no cache may keep it.
    ctx.header("Cache-Control", "no-store");
    templates.render(
        ctx,
        "share/created.jte",
        new ShareCreatedPage(access.chrome(ctx), workspace, created.link(), created.url()));
  }

  private void list(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    List<ShareLink> links = shares.list(workspace);
    templates.render(
        ctx,
        "share/list.jte",
        new ShareListPage(
            access.chrome(ctx),
            workspace,
            links,
            shares.showingNothing(links),
            OffsetDateTime.now()));
  }

  private void show(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    ShareLink link = shares.get(workspace, linkId(ctx));
    templates.render(
        ctx,
        "share/show.jte",
        new ShareLinkPage(
            access.chrome(ctx),
            workspace,
            link,
            shares.openings(link),
            shares.procedureTitles(link),
            shares.showsNothing(link),
            OffsetDateTime.now()));
  }

  private void revoke(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    long id = linkId(ctx);
    ShareLink link = shares.get(workspace, id);
    String back = "/w/" + workspace.slug() + "/shares/" + id;
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.revokeLink", link.label().isBlank() ? "#" + id : link.label()),
        c.t("share.revoke"),
        back)) {
      return;
    }
    shares.revoke(workspace, id, access.actor(ctx));
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private static long linkId(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("link"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no share link " + ctx.pathParam("link") + " here.");
    }
  }

  private void candidate(Context ctx) {
    candidateHeaders(ctx);
    ShareService.Candidate candidate;
    try {
      candidate =
          shares.open(
              ctx.pathParam("token"),
              access.client(ctx),
              ctx.header("User-Agent"),
              ctx.queryParam("read") == null);
    } catch (Refusal refusal) {
      unavailable(ctx, refusal);
      return;
    }
    templates.render(
        ctx,
        "share/candidate.jte",
        new CandidatePage(
            candidate,
            ctx.pathParam("token"),
            access.preSessionToken(ctx),
            ctx.queryParam("read")));
  }

  private void confirmRead(Context ctx) {
    candidateHeaders(ctx);
    String token = ctx.pathParam("token");
    try {
      shares.confirmRead(token, access.client(ctx));
    } catch (Refusal refusal) {
      unavailable(ctx, refusal);
      return;
    }
    ctx.redirect("/s/" + token + "?read=1#read", HttpStatus.SEE_OTHER);
  }

  /**
   * A candidate's page stays out of search engines, sends no address onward when a link in the
   * manual is followed, is kept by no shared cache, and loads images from this server only: an
   * image hosted elsewhere would tell a third party when the candidate reads.
   */
  private static void candidateHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", WebServer.CANDIDATE_CSP);
    ctx.header("X-Robots-Tag", "noindex, nofollow, noarchive");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "private, no-store");
  }

  /** Unknown, revoked, expired or throttled: the same calm page, with only the status differing. */
  private void unavailable(Context ctx, Refusal refusal) {
    templates.render(
        ctx,
        WebServer.status(refusal),
        "share/unavailable.jte",
        new UnavailablePage(refusal instanceof Refusal.Gone, refusal instanceof Refusal.TooMany));
  }
}
