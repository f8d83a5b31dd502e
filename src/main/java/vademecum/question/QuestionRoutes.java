package vademecum.question;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Sizes;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Asking on a procedure, the workspace's questions, a thread and what is done on it. */
public final class QuestionRoutes implements WebServer.Routes {
  private final QuestionService questions;
  private final Access access;
  private final Templates templates;
  private final int maxFileBytes;

  public QuestionRoutes(
      QuestionService questions, Access access, Templates templates, int maxFileBytes) {
    this.questions = questions;
    this.access = access;
    this.templates = templates;
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/m/{manual}/p/{procedure}/ask", Need.MEMBER, this::askForm);
    router.post("/w/{workspace}/m/{manual}/p/{procedure}/questions", Need.MEMBER, this::ask);
    router.get("/questions", Need.SIGNED_IN, this::mine);
    router.get("/w/{workspace}/questions", Need.MEMBER, this::list);
    router.get("/w/{workspace}/questions/{question}", Need.MEMBER, this::show);
    router.post("/w/{workspace}/questions/{question}/messages", Need.MEMBER, this::reply);
    router.post("/w/{workspace}/questions/{question}/status", Need.MEMBER, this::status);
    router.post("/w/{workspace}/questions/{question}/public", Need.EDITOR, this::makePublic);
  }

  private void askForm(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    var asking =
        questions.asking(
            workspace, access.role(ctx), ctx.pathParam("manual"), ctx.pathParam("procedure"));
    String quote = ctx.queryParam("quote");
    templates.render(
        ctx,
        "question/ask.jte",
        new AskPage(
            access.chrome(ctx),
            workspace,
            asking,
            quote == null ? "" : quote,
            "",
            null,
            maxFileBytes));
  }

  private void ask(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    String manual = ctx.pathParam("manual");
    String key = ctx.pathParam("procedure");
    String quote = Forms.text(ctx, "quote");
    String body = Forms.text(ctx, "body");
    try {
      Question question =
          questions.ask(
              workspace, role, access.actor(ctx), manual, key, quote, body, screenshot(ctx));
      ctx.redirect(question.url() + "?asked", HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid | Refusal.TooLarge | Refusal.Unsupported e) {
      ctx.status(WebServer.status(e));
      templates.render(
          ctx,
          "question/ask.jte",
          new AskPage(
              access.chrome(ctx),
              workspace,
              questions.asking(workspace, role, manual, key),
              quote,
              body,
              e.getMessage(),
              maxFileBytes));
    }
  }

  private void list(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    Question.Status status = status(ctx.queryParam("status"));
    var list = questions.list(workspace, role, access.account(ctx).id(), status);
    templates.render(
        ctx,
        "question/list.jte",
        new QuestionsPage(
            access.chrome(ctx),
            workspace,
            list,
            role.canEdit() ? List.of() : questions.unseen(list),
            status,
            role.canEdit()));
  }

  private void mine(Context ctx) {
    var list = questions.mine(access.account(ctx).id());
    templates.render(
        ctx,
        "question/list.jte",
        new QuestionsPage(access.chrome(ctx), null, list, questions.unseen(list), null, false));
  }

  private void show(Context ctx) {
    render(ctx, "", null);
  }

  private void render(Context ctx, String draft, String error) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    var thread = questions.thread(workspace, role, access.account(ctx), id(ctx));
    templates.render(
        ctx,
        "question/thread.jte",
        new ThreadPage(
            access.chrome(ctx),
            workspace,
            thread,
            role.canEdit(),
            thread.question().askedBy(access.account(ctx).id()),
            draft,
            error,
            maxFileBytes));
  }

  private void reply(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String body = Forms.text(ctx, "body");
    try {
      Question question =
          questions.reply(
              workspace, access.role(ctx), access.actor(ctx), id(ctx), body, screenshot(ctx));
      ctx.redirect(question.url(), HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid | Refusal.TooLarge | Refusal.Unsupported e) {
      ctx.status(WebServer.status(e));
      render(ctx, body, e.getMessage());
    }
  }

  private void status(Context ctx) {
    Question.Status status = status(ctx.formParam("status"));
    String seen = Forms.text(ctx, "seen").strip();
    Question question;
    try {
      question =
          questions.setStatus(
              access.workspace(ctx),
              access.role(ctx),
              access.actor(ctx),
              id(ctx),
              status,
              seen.matches("\\d{1,6}") ? Integer.valueOf(seen) : null);
    } catch (Refusal.Conflict e) {
      // The thread as it is now, the new message in it, with why it was not closed.
      ctx.status(WebServer.status(e));
      render(ctx, "", e.getMessage());
      return;
    }
    ctx.redirect(question.url(), HttpStatus.SEE_OTHER);
  }

  private void makePublic(Context ctx) {
    String shown = ctx.formParam("public");
    if (!"yes".equals(shown) && !"no".equals(shown)) {
      throw Refusal.badRequest("Say whether the question is public: yes or no.");
    }
    Question question =
        questions.setPublic(
            access.workspace(ctx),
            access.role(ctx),
            access.actor(ctx),
            id(ctx),
            "yes".equals(shown));
    ctx.redirect(question.url(), HttpStatus.SEE_OTHER);
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("question"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such question here.");
    }
  }

  static Question.Status status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Question.Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("Unknown status " + value + ": open, answered or closed.");
    }
  }

  /** The screenshot sent with a message, if any; read up to one byte past the file limit. */
  private QuestionService.Screenshot screenshot(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      return null;
    }
    UploadedFile upload = ctx.uploadedFile("file");
    if (upload == null || upload.filename() == null || upload.filename().isBlank()) {
      return null;
    }
    try (InputStream in = upload.content()) {
      byte[] bytes = in.readNBytes(maxFileBytes + 1);
      if (bytes.length > maxFileBytes) {
        throw Refusal.contentTooLarge(
            "This screenshot is larger than %s, the limit for a file."
                .formatted(Sizes.human(maxFileBytes)));
      }
      return bytes.length == 0 ? null : new QuestionService.Screenshot(upload.filename(), bytes);
    } catch (IOException e) {
      throw Refusal.badRequest("The screenshot could not be read; send it again.");
    }
  }
}
