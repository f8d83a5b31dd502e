package vademecum.suggestion;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Proposing a change, the workspace's suggestions, and accepting or declining one. */
public final class SuggestionRoutes implements WebServer.Routes {
  private final SuggestionService suggestions;
  private final Access access;
  private final Templates templates;

  public SuggestionRoutes(SuggestionService suggestions, Access access, Templates templates) {
    this.suggestions = suggestions;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/m/{manual}/suggest", Need.MEMBER, ctx -> form(ctx, null));
    router.get(
        "/w/{workspace}/m/{manual}/p/{procedure}/suggest",
        Need.MEMBER,
        ctx -> form(ctx, ctx.pathParam("procedure")));
    router.post("/w/{workspace}/m/{manual}/suggestions", Need.MEMBER, this::propose);
    router.get("/w/{workspace}/questions/{question}/suggest", Need.EDITOR, this::fromAnswer);
    router.get("/w/{workspace}/suggestions", Need.MEMBER, this::list);
    router.get("/w/{workspace}/suggestions/{suggestion}", Need.MEMBER, this::show);
    router.get("/w/{workspace}/suggestions/{suggestion}/resubmit", Need.MEMBER, this::resubmit);
    router.post("/w/{workspace}/suggestions/{suggestion}/accept", Need.EDITOR, this::accept);
    router.post("/w/{workspace}/suggestions/{suggestion}/decline", Need.EDITOR, this::decline);
  }

  private void form(Context ctx, String key) {
    Workspace workspace = access.workspace(ctx);
    var proposing =
        suggestions.proposing(workspace, access.role(ctx), ctx.pathParam("manual"), key);
    render(ctx, workspace, proposing, proposing.text(), "", null);
  }

  private void fromAnswer(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    var proposing =
        suggestions.fromAnswer(
            workspace, access.role(ctx), access.account(ctx), id(ctx, "question"));
    render(ctx, workspace, proposing, proposing.text(), "", null);
  }

  private void resubmit(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    var again =
        suggestions.resubmitting(
            workspace, access.role(ctx), access.account(ctx).id(), id(ctx, "suggestion"));
    render(ctx, workspace, again.proposing(), again.text(), "", null, again.kept());
  }

  private void render(
      Context ctx,
      Workspace workspace,
      SuggestionService.Proposing proposing,
      String text,
      String note,
      String error) {
    render(ctx, workspace, proposing, text, note, error, null);
  }

  private void render(
      Context ctx,
      Workspace workspace,
      SuggestionService.Proposing proposing,
      String text,
      String note,
      String error,
      String kept) {
    templates.render(
        ctx,
        "suggestion/propose.jte",
        new ProposePage(access.chrome(ctx), workspace, proposing, text, note, error, kept));
  }

  private void propose(Context ctx) {
    Forms.requireUtf8(ctx);
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    String slug = ctx.pathParam("manual");
    String key = Forms.text(ctx, "procedure");
    String text = Forms.text(ctx, "markdown");
    String note = Forms.text(ctx, "note");
    Integer base = Forms.integer(ctx, "base");
    Long question = Forms.id(ctx, "question");
    Long resubmits = Forms.id(ctx, "resubmits");
    String procedure = key.isBlank() ? null : key;
    try {
      Suggestion made =
          suggestions.propose(
              workspace,
              role,
              access.actor(ctx),
              slug,
              procedure,
              base,
              text,
              note,
              question,
              resubmits);
      ctx.redirect(made.url(), HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid | Refusal.TooLarge | Refusal.Conflict e) {
      // The form comes back on the revision published now, with what was typed merged onto it.
      SuggestionService.Retyped again =
          suggestions.again(workspace, role, slug, procedure, base, text);
      SuggestionService.Proposing proposing = again.proposing();
      ctx.status(WebServer.status(e));
      render(
          ctx,
          workspace,
          new SuggestionService.Proposing(
              proposing.manual(),
              proposing.procedureKey(),
              proposing.procedureTitle(),
              proposing.text(),
              question,
              resubmits),
          again.text(),
          note,
          e.getMessage(),
          again.kept());
    }
  }

  private void list(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    String value = ctx.queryParam("status");
    Suggestion.Status status = null;
    if (value != null && !value.isBlank()) {
      try {
        status = Suggestion.Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Refusal.badRequest("Unknown status " + value + ": open, accepted or declined.");
      }
    }
    templates.render(
        ctx,
        "suggestion/list.jte",
        new SuggestionsPage(
            access.chrome(ctx),
            workspace,
            suggestions.list(workspace, role, access.account(ctx).id(), status),
            status,
            role.canEdit()));
  }

  private void show(Context ctx) {
    show(ctx, null);
  }

  private void show(Context ctx, String error) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    long accountId = access.account(ctx).id();
    var review = suggestions.review(workspace, role, accountId, id(ctx, "suggestion"));
    templates.render(
        ctx,
        "suggestion/show.jte",
        new SuggestionPage(
            access.chrome(ctx),
            workspace,
            review,
            role.canEdit(),
            review.suggestion().by(accountId),
            error,
            suggestions.latestPublished(workspace, review)));
  }

  private void accept(Context ctx) {
    String value = ctx.formParam("outcome");
    SuggestionService.Outcome outcome;
    try {
      outcome =
          SuggestionService.Outcome.valueOf(value == null ? "" : value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("Say how to accept it: draft, minor or major.");
    }
    try {
      Suggestion accepted =
          suggestions.accept(
              access.workspace(ctx),
              access.role(ctx),
              access.actor(ctx),
              id(ctx, "suggestion"),
              outcome);
      ctx.redirect(accepted.url(), HttpStatus.SEE_OTHER);
    } catch (Refusal.Conflict e) {
      // The page again, with both texts and the reason: nothing was written.
      ctx.status(HttpStatus.CONFLICT);
      show(ctx, e.getMessage());
    }
  }

  private void decline(Context ctx) {
    Suggestion declined =
        suggestions.decline(
            access.workspace(ctx),
            access.role(ctx),
            access.actor(ctx),
            id(ctx, "suggestion"),
            Forms.text(ctx, "note"));
    ctx.redirect(declined.url(), HttpStatus.SEE_OTHER);
  }

  private static long id(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw Refusal.notFound(
          ("question".equals(name) ? "There is no question " : "There is no suggestion ")
              + ctx.pathParam(name)
              + " here.");
    }
  }
}
