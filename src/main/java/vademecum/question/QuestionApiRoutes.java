package vademecum.question;

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

/** Questions and answers through {@code /api/v1/}, with the same rules as the pages. */
public final class QuestionApiRoutes implements WebServer.Routes {
  private static final String WS = "/api/v1/workspaces/{workspace}";

  private final QuestionService questions;
  private final Access access;
  private final String baseUrl;

  public QuestionApiRoutes(QuestionService questions, Access access, String baseUrl) {
    this.questions = questions;
    this.access = access;
    this.baseUrl = baseUrl;
  }

  @Override
  public void register(Router router) {
    router.get(
        WS + "/questions",
        Need.API_MEMBER,
        ApiDoc.of(
                "Questions: every one for owners and editors, the caller's own for assistants"
                    + " (?status=open|answered|closed).",
                "owner, editor, assistant",
                QuestionJson.QuestionList.class)
            .withQuery("status: open, answered or closed"),
        this::list);
    router.post(
        WS + "/manuals/{manual}/procedures/{procedure}/questions",
        Need.API_MEMBER,
        ApiDoc.of(
                "Ask a question on a published procedure, optionally quoting a step.",
                "owner, editor, assistant",
                QuestionJson.QuestionThread.class)
            .withStatus(201)
            .withBody(QuestionJson.AskBody.class),
        this::ask);
    router.get(
        WS + "/questions/{question}",
        Need.API_MEMBER,
        ApiDoc.of(
            "A question and its messages (its asker, owners and editors; anybody once public).",
            "owner, editor, assistant",
            QuestionJson.QuestionThread.class),
        this::show);
    router.post(
        WS + "/questions/{question}/messages",
        Need.API_MEMBER,
        ApiDoc.of(
                "Answer (owners, editors: the question is then answered and its asker told) or"
                    + " follow up (the asker: it is open again).",
                "owner, editor, the asker",
                QuestionJson.QuestionThread.class)
            .withStatus(201)
            .withBody(QuestionJson.MessageBody.class),
        this::reply);
    router.post(
        WS + "/questions/{question}/status",
        Need.API_MEMBER,
        ApiDoc.of(
                "Close or reopen a question.",
                "owner, editor, the asker",
                QuestionJson.QuestionThread.class)
            .withBody(QuestionJson.StatusBody.class),
        this::status);
    router.post(
        WS + "/questions/{question}/public",
        Need.API_EDITOR,
        ApiDoc.of(
                "Make an answered question part of the procedure's FAQ (searchable), or private"
                    + " again.",
                "owner, editor",
                QuestionJson.QuestionThread.class)
            .withBody(QuestionJson.PublicBody.class),
        this::makePublic);
  }

  private void list(Context ctx) {
    ctx.json(
        new QuestionJson.QuestionList(
            questions
                .list(
                    access.workspace(ctx),
                    access.role(ctx),
                    access.account(ctx).id(),
                    QuestionRoutes.status(ctx.queryParam("status")))
                .stream()
                .map(q -> QuestionJson.QuestionItem.of(q, baseUrl))
                .toList()));
  }

  private void ask(Context ctx) {
    var body = QuestionJson.AskBody.read(JsonBody.of(ctx, QuestionJson.AskBody.class));
    Workspace workspace = access.workspace(ctx);
    Question question =
        questions.ask(
            workspace,
            access.role(ctx),
            access.actor(ctx),
            ctx.pathParam("manual"),
            ctx.pathParam("procedure"),
            body.quote(),
            body.body(),
            null);
    ctx.status(HttpStatus.CREATED);
    thread(ctx, question.id());
  }

  private void show(Context ctx) {
    thread(ctx, id(ctx));
  }

  private void reply(Context ctx) {
    var body = QuestionJson.MessageBody.read(JsonBody.of(ctx, QuestionJson.MessageBody.class));
    Question question =
        questions.reply(
            access.workspace(ctx), access.role(ctx), access.actor(ctx), id(ctx), body.body(), null);
    ctx.status(HttpStatus.CREATED);
    thread(ctx, question.id());
  }

  private void status(Context ctx) {
    var body = QuestionJson.StatusBody.read(JsonBody.of(ctx, QuestionJson.StatusBody.class));
    Question question =
        questions.setStatus(
            access.workspace(ctx),
            access.role(ctx),
            access.actor(ctx),
            id(ctx),
            QuestionRoutes.status(body.status()));
    thread(ctx, question.id());
  }

  private void makePublic(Context ctx) {
    var body = QuestionJson.PublicBody.read(JsonBody.of(ctx, QuestionJson.PublicBody.class));
    Question question =
        questions.setPublic(
            access.workspace(ctx), access.role(ctx), access.actor(ctx), id(ctx), body.faq());
    thread(ctx, question.id());
  }

  private void thread(Context ctx, long id) {
    ctx.json(
        QuestionJson.QuestionThread.of(
            questions.thread(access.workspace(ctx), access.role(ctx), access.account(ctx), id),
            baseUrl));
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("question"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such question here.");
    }
  }
}
