package vademecum.run;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import vademecum.ack.Csv;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Sizes;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.Texts;
import vademecum.web.WebServer;

/**
 * Starting a run from a procedure, the run's page (its steps refreshed every few seconds while
 * others tick them), ticking a step, finishing, and the workspace's runs.
 */
public final class RunRoutes implements WebServer.Routes {
  private final RunService runs;
  private final RunSchedules schedules;
  private final Access access;
  private final Templates templates;
  private final int maxFileBytes;

  public RunRoutes(
      RunService runs,
      RunSchedules schedules,
      Access access,
      Templates templates,
      int maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
    this.runs = runs;
    this.schedules = schedules;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/m/{manual}/p/{procedure}/run", Need.MEMBER, this::startForm);
    router.post("/w/{workspace}/m/{manual}/p/{procedure}/run", Need.MEMBER, this::start);
    router.post(
        "/w/{workspace}/m/{manual}/p/{procedure}/run/acknowledge", Need.MEMBER, this::acknowledge);
    router.get("/w/{workspace}/runs", Need.MEMBER, this::list);
    router.get("/w/{workspace}/runs.csv", Need.MEMBER, this::export);
    router.post("/w/{workspace}/runs/zone", Need.OWNER, this::setZone);
    router.get("/w/{workspace}/runs/{run}", Need.MEMBER, this::show);
    // The steps alone, which the run's page asks for every few seconds.
    router.get("/w/{workspace}/runs/{run}/steps", Need.MEMBER, this::steps);
    router.post("/w/{workspace}/runs/{run}/steps/{position}", Need.MEMBER, this::tick);
    // A path ending in /files: the server lets it carry a file's size (WebServer.isFileUpload).
    router.post("/w/{workspace}/runs/{run}/steps/{position}/files", Need.MEMBER, this::attach);
    router.post(
        "/w/{workspace}/runs/{run}/steps/{position}/files/{file}/remove",
        Need.MEMBER,
        this::detach);
    router.post("/w/{workspace}/runs/{run}/finish", Need.MEMBER, this::finish);
    router.get("/w/{workspace}/m/{manual}/p/{procedure}/schedules", Need.EDITOR, this::scheduling);
    router.post("/w/{workspace}/m/{manual}/p/{procedure}/schedules", Need.EDITOR, this::schedule);
    router.post("/w/{workspace}/schedules/{schedule}/stop", Need.EDITOR, this::stopSchedule);
  }

  private void scheduling(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    var scheduling =
        schedules.scheduling(
            workspace, access.role(ctx), ctx.pathParam("manual"), ctx.pathParam("procedure"));
    templates.render(
        ctx,
        "run/schedules.jte",
        new SchedulesPage(access.chrome(ctx), workspace, scheduling, ScheduleForm.EMPTY, null));
  }

  private void schedule(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    String manual = ctx.pathParam("manual");
    String key = ctx.pathParam("procedure");
    ScheduleForm form =
        new ScheduleForm(
            Forms.text(ctx, "frequency"),
            Forms.text(ctx, "frequency").equals("weekly")
                ? Forms.text(ctx, "weekday")
                : Forms.text(ctx, "day"),
            Forms.text(ctx, "assignee"),
            Forms.text(ctx, "leadDays"));
    try {
      schedules.schedule(
          workspace,
          role,
          access.actor(ctx),
          manual,
          key,
          form.frequency(),
          form.day(),
          form.assignee(),
          form.leadDays());
      ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid refusal) {
      templates.render(
          ctx,
          400,
          "run/schedules.jte",
          new SchedulesPage(
              access.chrome(ctx),
              workspace,
              schedules.scheduling(workspace, role, manual, key),
              form,
              refusal.getMessage()));
    }
  }

  private void stopSchedule(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("schedule"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such schedule in this workspace.");
    }
    schedules.stop(workspace, access.role(ctx), access.actor(ctx), id);
    ctx.redirect("/w/" + workspace.slug() + "/runs", HttpStatus.SEE_OTHER);
  }

  private void startForm(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    var starting =
        runs.starting(
            workspace,
            access.role(ctx),
            access.actor(ctx).accountId(),
            ctx.pathParam("manual"),
            ctx.pathParam("procedure"));
    templates.render(
        ctx,
        "run/start.jte",
        new RunStartPage(
            access.chrome(ctx), workspace, starting, starting.defaultTitle(), "", null));
  }

  private void start(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    String manual = ctx.pathParam("manual");
    String key = ctx.pathParam("procedure");
    String title = Forms.text(ctx, "title");
    String due = Forms.text(ctx, "due");
    try {
      Run run = runs.start(workspace, role, access.actor(ctx), manual, key, title, due);
      ctx.redirect(run.url(), HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid | Refusal.Conflict refusal) {
      // The form again, with what was typed and why (an acknowledgement asked meanwhile, a date).
      var starting = runs.starting(workspace, role, access.actor(ctx).accountId(), manual, key);
      templates.render(
          ctx,
          WebServer.status(refusal),
          "run/start.jte",
          new RunStartPage(
              access.chrome(ctx), workspace, starting, title, due, refusal.getMessage()));
    }
  }

  private void acknowledge(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    runs.acknowledge(
        workspace,
        access.role(ctx),
        access.actor(ctx),
        ctx.pathParam("manual"),
        ctx.pathParam("procedure"),
        Forms.id(ctx, "version"));
    ctx.redirect(
        "/w/"
            + workspace.slug()
            + "/m/"
            + ctx.pathParam("manual")
            + "/p/"
            + ctx.pathParam("procedure")
            + "/run",
        HttpStatus.SEE_OTHER);
  }

  private static RunFilter filter(Context ctx) {
    return RunFilter.of(
        ctx.queryParam("procedure"),
        ctx.queryParam("person"),
        ctx.queryParam("state"),
        ctx.queryParam("from"),
        ctx.queryParam("to"));
  }

  private void list(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    RunFilter filter = filter(ctx);
    List<Schedule> active = schedules.active(workspace, access.role(ctx));
    templates.render(
        ctx,
        "run/list.jte",
        new RunsPage(
            access.chrome(ctx),
            workspace,
            runs.list(workspace, access.role(ctx), filter),
            active,
            schedules.withoutSteps(active),
            access.role(ctx).canEdit(),
            runs.today(workspace),
            filter,
            schedules.people(workspace),
            runs.zone(workspace).getId(),
            access.role(ctx) == Role.OWNER ? runs.zones() : List.of(),
            access.role(ctx) == Role.OWNER));
  }

  private void setZone(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    runs.setZone(workspace, access.role(ctx), access.actor(ctx), Forms.text(ctx, "zone"));
    ctx.redirect("/w/" + workspace.slug() + "/runs", HttpStatus.SEE_OTHER);
  }

  /** A state or outcome in the reader's language, or as stored when it has no words yet. */
  private static String value(Texts texts, String prefix, String stored) {
    return texts.has(prefix + stored) ? texts.t(prefix + stored) : stored;
  }

  /** Every step of the filtered runs, a row each: what a client's accountant opens. */
  private void export(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Texts texts = Texts.of(access.chrome(ctx).lang());
    Csv csv =
        Csv.forLanguage(texts.language())
            .row(
                Csv.headers(
                    texts,
                    "run",
                    "title",
                    "manual",
                    "procedure",
                    "version",
                    "due",
                    "for",
                    "startedBy",
                    "startedAt",
                    "finishedAt",
                    "outcome",
                    "step",
                    "stepText",
                    "state",
                    "note",
                    "by",
                    "at"));
    for (RunRepository.StepRow row : runs.steps(workspace, access.role(ctx), filter(ctx))) {
      Run run = row.run();
      RunStep step = row.step();
      csv.row(
          Arrays.asList(
              String.valueOf(run.id()),
              run.title(),
              run.manualSlug(),
              run.procedureKey(),
              String.valueOf(run.versionNumber()),
              run.dueOn() == null ? "" : run.dueOn().toString(),
              run.assignee(),
              run.startedBy(),
              run.startedAt().toString(),
              run.finishedAt() == null ? "" : run.finishedAt().toString(),
              run.outcome() == null ? null : value(texts, "csv.outcome.", run.outcome()),
              String.valueOf(step.position()),
              step.text(),
              value(texts, "csv.state.", step.state()),
              step.note(),
              step.changedBy(),
              step.changedAt() == null ? "" : step.changedAt().toString()));
    }
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"runs-" + workspace.slug() + ".csv\"");
    ctx.result(csv.toString());
  }

  private long runId(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("run"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such run in this workspace.");
    }
  }

  private RunPage page(Context ctx, RunService.RunView view, String error) {
    return page(ctx, view, error, null);
  }

  private RunPage page(Context ctx, RunService.RunView view, String error, RunPage.Kept kept) {
    Workspace workspace = access.workspace(ctx);
    return new RunPage(access.chrome(ctx), workspace, view, runs.today(workspace), error, kept);
  }

  /** The run's page again with why a change was refused: the steps as they are now. */
  private void refused(Context ctx, int status, String why) {
    var view = runs.view(access.workspace(ctx), access.role(ctx), runId(ctx));
    templates.render(ctx, status, "run/show.jte", page(ctx, view, why));
  }

  private void show(Context ctx) {
    var view = runs.view(access.workspace(ctx), access.role(ctx), runId(ctx));
    templates.render(ctx, "run/show.jte", page(ctx, view, null));
  }

  private void steps(Context ctx) {
    var view = runs.view(access.workspace(ctx), access.role(ctx), runId(ctx));
    templates.render(ctx, "run/steps.jte", page(ctx, view, null));
  }

  private void tick(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    long runId = runId(ctx);
    int position = position(ctx);
    boolean fragment = ctx.header("HX-Request") != null;
    try {
      var view =
          runs.tick(
              workspace,
              role,
              access.actor(ctx),
              runId,
              position,
              Forms.text(ctx, "state"),
              Forms.text(ctx, "note"),
              Forms.text(ctx, "seen"));
      if (fragment) {
        templates.render(ctx, "run/steps.jte", page(ctx, view, null));
      } else {
        ctx.redirect(view.run().url() + "#step-" + position, HttpStatus.SEE_OTHER);
      }
    } catch (Refusal.Invalid | Refusal.Conflict refusal) {
      // The steps again with why (a note missing, someone else changed the step): what was ticked
      // before is all still there, as it is now, and a refused note is shown again to send.
      String state = Forms.text(ctx, "state");
      RunPage.Kept kept =
          refusal instanceof Refusal.Conflict && KEPT_STATES.contains(state)
              ? new RunPage.Kept(position, state, Forms.text(ctx, "note"))
              : null;
      templates.render(
          ctx,
          WebServer.status(refusal),
          fragment ? "run/steps.jte" : "run/show.jte",
          page(ctx, runs.view(workspace, role, runId), refusal.getMessage(), kept));
    }
  }

  private void attach(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    RunService.requireRunner(role);
    long runId = runId(ctx);
    int position = position(ctx);
    try {
      UploadedFile upload = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
      if (upload == null || upload.filename() == null || upload.filename().isBlank()) {
        throw Refusal.invalid("file", "Choose a file to add to the step.");
      }
      byte[] bytes;
      try (InputStream in = upload.content()) {
        bytes = in.readNBytes(maxFileBytes + 1);
      } catch (IOException e) {
        throw Refusal.badRequest("The file could not be read; upload it again.");
      }
      if (bytes.length > maxFileBytes) {
        throw Refusal.contentTooLarge(
            "This file is larger than %s, the limit for a file."
                .formatted(Sizes.human(maxFileBytes)));
      }
      var view =
          runs.attach(
              workspace, role, access.actor(ctx), runId, position, upload.filename(), bytes);
      ctx.redirect(view.run().url() + "#step-" + position, HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid | Refusal.TooLarge | Refusal.Unsupported | Refusal.Conflict refusal) {
      // The run's page again with why (too large, not a kind of file kept, run finished): the
      // steps ticked so far are all there, rather than an error page that leaves the run.
      refused(ctx, WebServer.status(refusal), refusal.getMessage());
    }
  }

  private void detach(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    long runId = runId(ctx);
    int position = position(ctx);
    try {
      var view =
          runs.detach(workspace, role, access.actor(ctx), runId, position, ctx.pathParam("file"));
      ctx.redirect(view.run().url() + "#step-" + position, HttpStatus.SEE_OTHER);
    } catch (Refusal.Conflict refusal) {
      refused(ctx, 409, refusal.getMessage());
    }
  }

  /** The states a refused tick's note may be sent again with (the buttons' values). */
  private static final Set<String> KEPT_STATES = Set.of("done", "not_applicable", "problem");

  /** The step's position in the address; one that is no int is no step (404). */
  static int position(Context ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("position"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("This run has no step " + ctx.pathParam("position") + ".");
    }
  }

  private void finish(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    Role role = access.role(ctx);
    long runId = runId(ctx);
    try {
      Run run = runs.finish(workspace, role, access.actor(ctx), runId);
      ctx.redirect(run.url(), HttpStatus.SEE_OTHER);
    } catch (Refusal.Conflict refusal) {
      refused(ctx, 409, refusal.getMessage());
    }
  }
}
