package vademecum.ack;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongToIntFunction;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.manual.Stewardship;
import vademecum.web.Access;
import vademecum.web.Redirects;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.Texts;
import vademecum.web.WebServer;

/** "I have read and understood", the inbox, the dashboard and its export. */
public final class AckRoutes implements WebServer.Routes {
  private final AckService acks;
  private final ManualService manuals;
  private final Access access;
  private final Templates templates;
  private final LongToIntFunction unseenAnswers;
  private final Stewardship stewardship;
  private final InboxRun.Source runs;

  /**
   * @param unseenAnswers how many of an account's questions have an answer it has not read (the
   *     question feature answers it): the inbox says so, as the place an assistant looks first
   */
  public AckRoutes(
      AckService acks,
      ManualService manuals,
      Access access,
      Templates templates,
      LongToIntFunction unseenAnswers,
      Stewardship stewardship,
      InboxRun.Source runs) {
    this.runs = runs;
    this.acks = acks;
    this.manuals = manuals;
    this.access = access;
    this.templates = templates;
    this.unseenAnswers = unseenAnswers;
    this.stewardship = stewardship;
  }

  @Override
  public void register(Router router) {
    router.post("/w/{workspace}/acknowledge", Need.MEMBER, this::acknowledge);
    router.get("/inbox", Need.SIGNED_IN, this::inbox);
    router.post("/inbox", Need.SIGNED_IN, this::acknowledgeFromInbox);
    router.get("/w/{workspace}/acknowledgements", Need.EDITOR, this::dashboard);
    router.get("/w/{workspace}/acknowledgements.csv", Need.EDITOR, this::export);
    router.get("/w/{workspace}/dashboard.csv", Need.EDITOR, this::exportDashboard);
    router.get(
        "/w/{workspace}/m/{manual}/p/{procedure}/acknowledgements", Need.EDITOR, this::procedure);
  }

  private void acknowledge(Context ctx) {
    Role role = access.role(ctx);
    if (role != Role.ASSISTANT && role != Role.EDITOR) {
      throw Refusal.forbidden("Only assistants and editors acknowledge procedures.");
    }
    acks.acknowledge(access.account(ctx).id(), access.workspace(ctx).id(), versions(ctx));
    ctx.redirect(Redirects.safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
  }

  private void acknowledgeFromInbox(Context ctx) {
    int recorded = acks.acknowledgeOpened(access.account(ctx).id(), versions(ctx));
    ctx.redirect("/inbox?done=" + recorded, HttpStatus.SEE_OTHER);
  }

  private void inbox(Context ctx) {
    String done = ctx.queryParam("done");
    Integer recorded = done != null && done.matches("\\d{1,4}") ? Integer.valueOf(done) : null;
    templates.render(
        ctx,
        "ack/inbox.jte",
        new InboxPage(
            access.chrome(ctx),
            acks.inbox(access.account(ctx).id()),
            recorded,
            unseenAnswers.applyAsInt(access.account(ctx).id()),
            runs.openFor(access.account(ctx).id())));
  }

  private void dashboard(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String manual = ctx.queryParam("manual");
    String status = ctx.queryParam("status");
    Dashboard all = acks.dashboard(workspace);
    templates.render(
        ctx,
        "ack/dashboard.jte",
        new DashboardPage(
            access.chrome(ctx),
            workspace,
            all.filtered(manual, status),
            all.manuals(),
            manual,
            status,
            stewardship.inWorkspace(workspace.id())));
  }

  /** The grid as a spreadsheet: one row per assistant and procedure. */
  private void exportDashboard(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Dashboard dashboard = acks.dashboard(workspace);
    Texts texts = Texts.of(access.chrome(ctx).lang());
    Csv csv =
        Csv.forLanguage(texts.language())
            .row(
                Csv.headers(
                    texts,
                    "assistant",
                    "manual",
                    "manualAddress",
                    "procedure",
                    "procedureTitle",
                    "status"));
    for (Dashboard.Row row : dashboard.assistants()) {
      for (int i = 0; i < dashboard.procedures().size(); i++) {
        Dashboard.Column column = dashboard.procedures().get(i);
        csv.row(
            List.of(
                row.name(),
                column.manualTitle(),
                // Two manuals may share a title.
                column.manualSlug(),
                column.key(),
                column.title(),
                texts.t("csv.status." + row.cells().get(i).name().toLowerCase(Locale.ROOT))));
      }
    }
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header(
        "Content-Disposition", "attachment; filename=\"dashboard-" + workspace.slug() + ".csv\"");
    ctx.result(csv.toString());
  }

  private void export(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Texts texts = Texts.of(access.chrome(ctx).lang());
    Csv csv =
        Csv.forLanguage(texts.language())
            .row(
                Csv.headers(
                    texts,
                    "date",
                    "name",
                    "email",
                    "manual",
                    "manualTitle",
                    "procedure",
                    "procedureTitle",
                    "version",
                    "minor"));
    for (AckRecord r : acks.records(workspace, null)) {
      csv.row(
          List.of(
              r.at().toString(),
              r.name(),
              r.email(),
              r.manualSlug(),
              r.manualTitle(),
              r.procedureKey(),
              r.procedureTitle(),
              String.valueOf(r.version()),
              texts.t(r.minor() ? "csv.yes" : "csv.no")));
    }
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"acknowledgements-" + workspace.slug() + ".csv\"");
    ctx.result(csv.toString());
  }

  private void procedure(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Manual manual = manuals.require(workspace, ctx.pathParam("manual"));
    String key = ctx.pathParam("procedure");
    Long procedureId = acks.procedureId(manual.id(), key);
    if (procedureId == null) {
      throw Refusal.notFound("This manual has no procedure " + key + ".");
    }
    templates.render(
        ctx,
        "ack/procedure.jte",
        new ProcedureAcksPage(
            access.chrome(ctx),
            workspace,
            manual.slug(),
            key,
            acks.records(workspace, procedureId)));
  }

  private static List<Long> versions(Context ctx) {
    List<Long> ids = new ArrayList<>();
    for (String value : ctx.formParams("version")) {
      try {
        ids.add(Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        throw Refusal.badRequest("The procedure version is not a number.");
      }
    }
    return ids;
  }
}
