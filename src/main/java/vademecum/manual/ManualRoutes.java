package vademecum.manual;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Sizes;
import vademecum.kernel.Workspace;
import vademecum.markdown.Slugs;
import vademecum.web.Access;
import vademecum.web.Chrome;
import vademecum.web.Confirmation;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.Translations;
import vademecum.web.WebServer;

/** Reading, editing, history, diff and restore of manuals. */
public final class ManualRoutes implements WebServer.Routes {
  private final ManualService manuals;
  private final Confirmations confirmations;
  private final Feedback feedback;
  private final SuggestionEntry.Suggestions suggestions;
  private final Stewardship stewardship;
  private final RunHistory runs;
  private final Access access;
  private final Templates templates;
  private final int maxFileBytes;

  public ManualRoutes(
      ManualService manuals,
      Confirmations confirmations,
      Feedback feedback,
      SuggestionEntry.Suggestions suggestions,
      Stewardship stewardship,
      RunHistory runs,
      Access access,
      Templates templates,
      int maxFileBytes) {
    this.manuals = manuals;
    this.runs = runs;
    this.maxFileBytes = maxFileBytes;
    this.confirmations = confirmations;
    this.feedback = feedback;
    this.suggestions = suggestions;
    this.stewardship = stewardship;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/new", Need.EDITOR, this::newManual);
    router.post("/w/{workspace}/manuals", Need.EDITOR, this::create);
    router.post("/w/{workspace}/preview", Need.EDITOR, this::preview);
    router.get("/w/{workspace}/m/{manual}", Need.MEMBER, this::show);
    router.post("/w/{workspace}/m/{manual}", Need.EDITOR, this::save);
    router.get("/w/{workspace}/m/{manual}/p/{procedure}", Need.MEMBER, this::permalink);
    router.get("/w/{workspace}/source", Need.MEMBER, this::importedFile);
    router.get("/w/{workspace}/m/{manual}/edit", Need.EDITOR, this::edit);
    router.get("/w/{workspace}/m/{manual}/latest", Need.EDITOR, this::latest);
    router.post("/w/{workspace}/m/{manual}/publish", Need.EDITOR, this::publish);
    router.get("/w/{workspace}/m/{manual}/history", Need.EDITOR, this::history);
    router.get("/w/{workspace}/m/{manual}/diff", Need.EDITOR, this::diff);
    router.post("/w/{workspace}/m/{manual}/restore", Need.EDITOR, this::restore);
  }

  private void show(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    String slug = ctx.pathParam("manual");
    String folded = Slugs.slug(slug);
    if (!folded.isEmpty() && !folded.equals(slug) && !manuals.exists(workspace, slug)) {
      // An address typed from the title ("réservation-de-voyages", "Réservation de voyages"):
      // the manual's own address, if one has it and this person may read it; a 404 otherwise, so
      // that a reader cannot learn from a redirect which drafts exist.
      manuals.view(workspace, folded, role, null);
      ctx.redirect("/w/" + workspace.slug() + "/m/" + folded, HttpStatus.MOVED_PERMANENTLY);
      return;
    }
    Integer number = queryInt(ctx, "rev");
    ManualView view = manuals.view(workspace, slug, role, number);
    // Assistants and editors acknowledge what they read, on the published revision.
    var standings =
        (role == Role.ASSISTANT || role == Role.EDITOR) && view.showsPublished()
            ? confirmations.inManual(access.account(ctx).id(), view.manual().id())
            : Map.<String, ProcedureStanding>of();
    templates.render(
        ctx,
        "manual/show.jte",
        new ManualPage(
            access.chrome(ctx),
            view,
            role.canEdit(),
            role.canShare() && view.publishedNumber() != null,
            role == Role.OWNER,
            standings,
            // Questions are asked on the published text, by every reader but recruiters.
            role != Role.RECRUITER && view.showsPublished(),
            role == Role.RECRUITER
                ? Map.of()
                : feedback.inManual(access.account(ctx).id(), role, view.manual().id()),
            stewardship.ofManual(view.manual().id()).orElse(null),
            ctx.queryParam("flagged") != null,
            gone(ctx, view),
            // Runs are the workspace's record of work: not for recruiters.
            role == Role.RECRUITER ? Map.of() : runs.inManual(view.manual().id())));
  }

  /** The procedure a permanent address named that is not in the manual (any more), if any. */
  private static String gone(Context ctx, ManualView view) {
    String key = ctx.queryParam("gone");
    if (key == null || key.isBlank() || key.length() > 200) {
      return null;
    }
    return view.procedures().stream().anyMatch(p -> p.key().equals(key)) ? null : key;
  }

  /** A procedure's permanent address opens the manual at that section. */
  private void permalink(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    ManualView view = manuals.view(workspace, slug, access.role(ctx), null);
    String key = ctx.pathParam("procedure");
    String manual = "/w/" + workspace.slug() + "/m/" + slug;
    if (view.procedures().stream().noneMatch(p -> p.key().equals(key))) {
      // A bookmark to a procedure removed since: the manual as it is now, saying so (a 404 page
      // left the reader with only the way home).
      ctx.redirect(
          manual + "?gone=" + URLEncoder.encode(key, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect(manual + "#" + key, HttpStatus.SEE_OTHER);
  }

  /**
   * A link between imported files leads here; the browser keeps the link's #fragment across the
   * redirect, so it lands on the procedure the link named.
   */
  private void importedFile(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String path = ctx.queryParam("path");
    Refusal none = Refusal.notFound("No manual was imported from " + path);
    Manual manual =
        manuals.importedFrom(workspace, path == null ? "" : path).orElseThrow(() -> none);
    try {
      manuals.view(workspace, manual.slug(), access.role(ctx), null); // readers: published only
    } catch (Refusal.NotFound hidden) {
      // The same answer as for no manual: a draft's or an archived manual's address (made from its
      // title) is not a reader's to learn.
      throw none;
    }
    ctx.redirect("/w/" + workspace.slug() + "/m/" + manual.slug(), HttpStatus.SEE_OTHER);
  }

  /** The editor, empty or filled from one of the {@link ManualTemplates} ({@code ?template=}). */
  private void newManual(Context ctx) {
    Workspace workspace = editable(ctx);
    String name = ctx.queryParam("template");
    ManualTemplates.Starter starter =
        name == null || name.isBlank()
            ? new ManualTemplates.Starter("", "", access.chrome(ctx).lang(), "")
            : ManualTemplates.load(name)
                .orElseThrow(() -> Refusal.notFound("No manual template " + name));
    templates.render(
        ctx,
        "manual/edit.jte",
        new EditPage(
            access.chrome(ctx),
            workspace,
            null,
            ManualForm.starting(starter),
            null,
            maxSize(ctx),
            maxFileSize(ctx),
            manuals.maxMarkdownBytes()));
  }

  private void edit(Context ctx) {
    Workspace workspace = editable(ctx);
    ManualView view = manuals.view(workspace, ctx.pathParam("manual"), Role.OWNER, null);
    Revision latest = view.revision();
    templates.render(
        ctx,
        "manual/edit.jte",
        new EditPage(
            access.chrome(ctx),
            workspace,
            view.manual().slug(),
            ManualForm.editing(latest, view.manual().language()),
            null,
            maxSize(ctx),
            maxFileSize(ctx),
            manuals.maxMarkdownBytes()));
  }

  /**
   * The editor's note (an htmx fragment) when a revision newer than the one being edited exists:
   * saving will then show both texts rather than overwrite, and the note says so in advance.
   */
  private void latest(Context ctx) {
    Workspace workspace = editable(ctx);
    int base;
    try {
      base = Integer.valueOf(ctx.queryParam("base"));
    } catch (NumberFormatException e) {
      throw Refusal.badRequest("base must be a revision number.");
    }
    Revision latest = manuals.latest(manuals.require(workspace, ctx.pathParam("manual")));
    templates.render(
        ctx,
        "manual/newer.jte",
        new NewerRevisionNote(access.chrome(ctx), latest.number() > base ? latest : null));
  }

  private void create(Context ctx) {
    Workspace workspace = editable(ctx);
    ManualForm form = ManualForm.read(ctx, false);
    try {
      ManualService.Saved saved =
          manuals.create(workspace, form.toDraft(), null, access.actor(ctx));
      ctx.redirect("/w/" + workspace.slug() + "/m/" + saved.manual().slug(), HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid | Refusal.TooLarge e) {
      refuse(ctx, workspace, null, form, e);
    }
  }

  private void save(Context ctx) {
    Workspace workspace = editable(ctx);
    String slug = ctx.pathParam("manual");
    ManualForm form = ManualForm.read(ctx, true);
    try {
      manuals.save(workspace, slug, form.toDraft(), access.actor(ctx));
      ctx.redirect("/w/" + workspace.slug() + "/m/" + slug, HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid | Refusal.TooLarge e) {
      refuse(ctx, workspace, slug, form, e);
    } catch (EditConflict conflict) {
      showConflict(ctx, workspace, slug, conflict);
    }
  }

  private void publish(Context ctx) {
    Workspace workspace = editable(ctx);
    String slug = ctx.pathParam("manual");
    Integer number = Forms.integer(ctx, "number");
    if (number == null) {
      throw Refusal.badRequest("Which revision to publish is missing.");
    }
    try {
      manuals.publish(workspace, slug, number, Forms.checked(ctx, "minor"), access.actor(ctx));
      ctx.redirect("/w/" + workspace.slug() + "/m/" + slug, HttpStatus.SEE_OTHER);
    } catch (EditConflict conflict) {
      throw Refusal.conflict(
          "Revision %d is no longer the latest: revision %d was saved since. Review it before publishing."
              .formatted(number, conflict.latest.number()));
    }
  }

  private void restore(Context ctx) {
    Workspace workspace = editable(ctx);
    String slug = ctx.pathParam("manual");
    Integer number = Forms.integer(ctx, "number");
    Integer base = Forms.integer(ctx, "base");
    if (number == null || base == null) {
      throw Refusal.badRequest("Which revision to restore is missing.");
    }
    Chrome c = access.chrome(ctx);
    String history = "/w/" + workspace.slug() + "/m/" + slug + "/history";
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.restore", number, base + 1),
        c.t("history.restore"),
        history)) {
      return;
    }
    try {
      manuals.restore(
          workspace, slug, number, base, Forms.checked(ctx, "publish"), access.actor(ctx));
      ctx.redirect(history, HttpStatus.SEE_OTHER);
    } catch (EditConflict conflict) {
      throw Refusal.conflict(
          "Revision %d was saved while you were looking at the history. Nothing was restored; reload the history and try again."
              .formatted(conflict.latest.number()));
    }
  }

  private void preview(Context ctx) {
    editable(ctx);
    String html;
    String error = null;
    try {
      html = manuals.preview(Forms.text(ctx, "markdown"));
    } catch (Refusal.TooLarge | Refusal.Invalid e) {
      html = "";
      error = access.chrome(ctx).msg(e.getMessage());
    }
    templates.render(ctx, "manual/preview.jte", new PreviewPage(html, error));
  }

  private void history(Context ctx) {
    Workspace workspace = editable(ctx);
    Manual manual = manuals.require(workspace, ctx.pathParam("manual"));
    List<RevisionSummary> revisions = manuals.history(manual);
    templates.render(
        ctx,
        "manual/history.jte",
        new HistoryPage(
            access.chrome(ctx),
            workspace,
            manual.slug(),
            revisions.get(0).title(),
            revisions,
            true,
            suggestions.inManual(manual.id())));
  }

  private void diff(Context ctx) {
    Workspace workspace = editable(ctx);
    Manual manual = manuals.require(workspace, ctx.pathParam("manual"));
    Integer to = queryInt(ctx, "to");
    Integer from = queryInt(ctx, "from");
    Revision newer = to == null ? manuals.latest(manual) : manuals.revision(manual, to);
    Revision older =
        manuals.revision(manual, from == null ? Math.max(1, newer.number() - 1) : from);
    templates.render(
        ctx,
        "manual/diff.jte",
        new DiffPage(
            access.chrome(ctx),
            workspace,
            manual.slug(),
            newer.title(),
            older,
            newer,
            manuals.changes(older.markdown(), newer.markdown()),
            !older.title().equals(newer.title()),
            manual.language()));
  }

  private void showConflict(Context ctx, Workspace workspace, String slug, EditConflict conflict) {
    Revision latest = conflict.latest;
    Draft mine = conflict.draft;
    Manual manual = manuals.require(workspace, slug);
    Revision baseRevision =
        mine.baseNumber() == null || mine.baseNumber() < 1
            ? null
            : manuals.revision(manual, Math.min(mine.baseNumber(), latest.number()));
    String base = baseRevision == null ? "" : baseRevision.markdown();
    Draft rebased = baseRevision == null ? mine : mine.rebasedOnto(baseRevision, latest);
    // The language is the manual's, not a revision's: one the person left as their form had it
    // takes the one set since, as an unchanged title does. Saved again from this page, the form's
    // old language undid a colleague's change without a word.
    String start = ctx.formParam("startLanguage");
    if (mine.language().equals(start) && !manual.language().equals(start)) {
      rebased = rebased.withLanguage(manual.language());
    }
    EditPage editor =
        new EditPage(
            access.chrome(ctx),
            workspace,
            slug,
            ManualForm.rebased(rebased, latest.number(), manual.language()),
            null,
            maxSize(ctx),
            maxFileSize(ctx),
            manuals.maxMarkdownBytes());
    templates.render(
        ctx,
        409,
        "manual/conflict.jte",
        new ConflictPage(
            access.chrome(ctx),
            workspace,
            slug,
            latest,
            mine.baseNumber(),
            baseRevision,
            manuals.changes(base, latest.markdown()),
            manuals.changes(latest.markdown(), mine.markdown()),
            editor,
            manual.language(),
            start));
  }

  private void refuse(Context ctx, Workspace workspace, String slug, ManualForm form, Refusal e) {
    int status = WebServer.status(e);
    templates.render(
        ctx,
        status,
        "manual/edit.jte",
        new EditPage(
            access.chrome(ctx),
            workspace,
            slug,
            form,
            e.getMessage(),
            maxSize(ctx),
            maxFileSize(ctx),
            manuals.maxMarkdownBytes()));
  }

  /** The router has already checked that the reader is an owner or editor here. */
  private Workspace editable(Context ctx) {
    return access.workspace(ctx);
  }

  /** The limits the editor states, in the units of the reader's language. */
  private String maxSize(Context ctx) {
    return Translations.size(access.chrome(ctx).lang(), Sizes.human(manuals.maxMarkdownBytes()));
  }

  private String maxFileSize(Context ctx) {
    return Translations.size(access.chrome(ctx).lang(), Sizes.human(maxFileBytes));
  }

  private static Integer queryInt(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw Refusal.badRequest("The parameter " + name + " must be a number.");
    }
  }
}
