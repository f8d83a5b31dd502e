package vademecum.suggestion;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.JsonBody;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/** Suggested edits and their decisions through {@code /api/v1/}. */
public final class SuggestionApiRoutes implements WebServer.Routes {
  private static final String WS = "/api/v1/workspaces/{workspace}";

  private final SuggestionService suggestions;
  private final Access access;
  private final String baseUrl;

  public SuggestionApiRoutes(SuggestionService suggestions, Access access, String baseUrl) {
    this.suggestions = suggestions;
    this.access = access;
    this.baseUrl = baseUrl;
  }

  @Override
  public void register(Router router) {
    router.get(
        WS + "/suggestions",
        Need.API_MEMBER,
        ApiDoc.of(
                "Suggested edits: every one for owners and editors, the caller's own for assistants"
                    + " (?status=open|accepted|declined).",
                "owner, editor, assistant",
                SuggestionJson.SuggestionList.class)
            .withQuery("status: open, accepted or declined"),
        this::list);
    router.post(
        WS + "/manuals/{manual}/suggestions",
        Need.API_MEMBER,
        ApiDoc.of(
                "Suggest a change to a procedure or to the whole manual, from a published"
                    + " revision (for assistants, the one published now: 409 when it was"
                    + " published again since).",
                "owner, editor, assistant",
                SuggestionJson.SuggestionItem.class)
            .withStatus(201)
            .withBody(SuggestionJson.ProposeBody.class),
        this::propose);
    router.get(
        WS + "/suggestions/{suggestion}",
        Need.API_MEMBER,
        ApiDoc.of(
            "A suggestion with its text, rebased on the latest revision or in conflict with it.",
            "owner, editor, its author",
            SuggestionJson.SuggestionDetail.class),
        this::show);
    router.post(
        WS + "/suggestions/{suggestion}/decision",
        Need.API_EDITOR,
        ApiDoc.of(
                "Accept (a revision by its author: draft, minor or major) or decline (with a"
                    + " note). 409 when the manual changed where the suggestion does.",
                "owner, editor",
                SuggestionJson.SuggestionItem.class)
            .withBody(SuggestionJson.DecisionBody.class),
        this::decide);
  }

  private void list(Context ctx) {
    String value = ctx.queryParam("status");
    Suggestion.Status status = null;
    if (value != null && !value.isBlank()) {
      try {
        status = Suggestion.Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Refusal.badRequest("Unknown status " + value + ": open, accepted or declined.");
      }
    }
    ctx.json(
        new SuggestionJson.SuggestionList(
            suggestions
                .list(access.workspace(ctx), access.role(ctx), access.account(ctx).id(), status)
                .stream()
                .map(s -> SuggestionJson.SuggestionItem.of(s, baseUrl))
                .toList()));
  }

  private void propose(Context ctx) {
    var body = SuggestionJson.ProposeBody.read(JsonBody.of(ctx, SuggestionJson.ProposeBody.class));
    Workspace workspace = access.workspace(ctx);
    Suggestion made =
        suggestions.propose(
            workspace,
            access.role(ctx),
            access.actor(ctx),
            ctx.pathParam("manual"),
            body.procedure() == null || body.procedure().isBlank() ? null : body.procedure(),
            body.base(),
            body.markdown(),
            body.note(),
            null,
            body.resubmits());
    ctx.status(HttpStatus.CREATED).json(SuggestionJson.SuggestionItem.of(made, baseUrl));
  }

  private void show(Context ctx) {
    ctx.json(
        SuggestionJson.SuggestionDetail.of(
            suggestions.review(
                access.workspace(ctx), access.role(ctx), access.account(ctx).id(), id(ctx)),
            baseUrl));
  }

  private void decide(Context ctx) {
    var body =
        SuggestionJson.DecisionBody.read(JsonBody.of(ctx, SuggestionJson.DecisionBody.class));
    Suggestion decided;
    switch (body.decision()) {
      case "accept" -> {
        SuggestionService.Outcome outcome;
        try {
          outcome =
              SuggestionService.Outcome.valueOf(
                  (body.outcome() == null ? "draft" : body.outcome()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw Refusal.badRequest("The outcome is draft, minor or major.");
        }
        decided =
            suggestions.accept(
                access.workspace(ctx), access.role(ctx), access.actor(ctx), id(ctx), outcome);
      }
      case "decline" ->
          decided =
              suggestions.decline(
                  access.workspace(ctx), access.role(ctx), access.actor(ctx), id(ctx), body.note());
      default -> throw Refusal.badRequest("The decision is accept or decline.");
    }
    ctx.json(SuggestionJson.SuggestionItem.of(decided, baseUrl));
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("suggestion"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such suggestion here.");
    }
  }
}
