package vademecum.run;

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

/** Checklist runs and their schedules through {@code /api/v1/}. */
public final class RunApiRoutes implements WebServer.Routes {
  private static final String WS = "/api/v1/workspaces/{workspace}";

  private final RunService runs;
  private final RunSchedules schedules;
  private final Access access;
  private final String baseUrl;

  public RunApiRoutes(RunService runs, RunSchedules schedules, Access access, String baseUrl) {
    this.runs = runs;
    this.schedules = schedules;
    this.access = access;
    this.baseUrl = baseUrl;
  }

  @Override
  public void register(Router router) {
    router.get(
        WS + "/runs",
        Need.API_MEMBER,
        ApiDoc.of(
            "The workspace's runs: open ones first (soonest due first), then the latest finished.",
            "owner, editor, assistant",
            RunJson.RunList.class),
        this::list);
    router.get(
        WS + "/runs/{run}",
        Need.API_MEMBER,
        ApiDoc.of(
            "A run with its steps and the record of every change of a step.",
            "owner, editor, assistant",
            RunJson.RunDetail.class),
        this::show);
    router.post(
        WS + "/manuals/{manual}/procedures/{procedure}/runs",
        Need.API_MEMBER,
        ApiDoc.of(
                "Start a run of the procedure on its current version. 409 when the caller has"
                    + " not acknowledged its latest major change.",
                "owner, editor, assistant",
                RunJson.RunDetail.class)
            .withStatus(201)
            .withBody(RunJson.StartBody.class),
        this::start);
    router.post(
        WS + "/runs/{run}/steps/{position}",
        Need.API_MEMBER,
        ApiDoc.of(
                "Set a step: done, open, not_applicable or problem (these two need a note).",
                "owner, editor, assistant",
                RunJson.RunDetail.class)
            .withBody(RunJson.TickBody.class),
        this::tick);
    router.post(
        WS + "/runs/{run}/finish",
        Need.API_MEMBER,
        ApiDoc.of(
            "Finish the run: done, or done with problems. 409 while a step is open.",
            "owner, editor, assistant",
            RunJson.RunDetail.class),
        this::finish);
    router.get(
        WS + "/schedules",
        Need.API_MEMBER,
        ApiDoc.of(
            "The workspace's schedules, next due first.",
            "owner, editor, assistant",
            RunJson.ScheduleList.class),
        this::schedules);
    router.post(
        WS + "/manuals/{manual}/procedures/{procedure}/schedules",
        Need.API_EDITOR,
        ApiDoc.of(
                "Schedule the procedure for a member; its runs are created leadDays before each"
                    + " due date, in the workspace's time zone.",
                "owner, editor",
                RunJson.ScheduleItem.class)
            .withStatus(201)
            .withBody(RunJson.ScheduleBody.class),
        this::schedule);
    router.post(
        WS + "/schedules/{schedule}/stop",
        Need.API_EDITOR,
        ApiDoc.of("Stop a schedule; its runs stay.", "owner, editor", RunJson.Stopped.class),
        this::stop);
  }

  private static long id(Context ctx, String param, String message) {
    try {
      return Long.parseLong(ctx.pathParam(param));
    } catch (NumberFormatException e) {
      throw Refusal.notFound(message);
    }
  }

  private static long runId(Context ctx) {
    return id(ctx, "run", "There is no such run in this workspace.");
  }

  private void list(Context ctx) {
    ctx.json(
        new RunJson.RunList(
            runs.list(access.workspace(ctx), access.role(ctx)).stream()
                .map(r -> RunJson.RunItem.of(r, baseUrl))
                .toList()));
  }

  private void detail(Context ctx, long runId) {
    ctx.json(
        RunJson.RunDetail.of(runs.view(access.workspace(ctx), access.role(ctx), runId), baseUrl));
  }

  private void show(Context ctx) {
    detail(ctx, runId(ctx));
  }

  private void start(Context ctx) {
    var body = RunJson.StartBody.read(JsonBody.of(ctx, RunJson.StartBody.class));
    Run run =
        runs.start(
            access.workspace(ctx),
            access.role(ctx),
            access.actor(ctx),
            ctx.pathParam("manual"),
            ctx.pathParam("procedure"),
            body.title(),
            body.due());
    ctx.status(HttpStatus.CREATED);
    detail(ctx, run.id());
  }

  private void tick(Context ctx) {
    var body = RunJson.TickBody.read(JsonBody.of(ctx, RunJson.TickBody.class));
    // Read as a long and cast, step 4294967297 ticked step 1.
    int position = RunRoutes.position(ctx);
    Workspace workspace = access.workspace(ctx);
    var view =
        runs.tick(
            workspace,
            access.role(ctx),
            access.actor(ctx),
            runId(ctx),
            position,
            body.state(),
            body.note(),
            body.seen());
    ctx.json(RunJson.RunDetail.of(view, baseUrl));
  }

  private void finish(Context ctx) {
    long runId = runId(ctx);
    runs.finish(access.workspace(ctx), access.role(ctx), access.actor(ctx), runId);
    detail(ctx, runId);
  }

  private void schedules(Context ctx) {
    ctx.json(
        new RunJson.ScheduleList(
            schedules.active(access.workspace(ctx), access.role(ctx)).stream()
                .map(RunJson.ScheduleItem::of)
                .toList()));
  }

  private void schedule(Context ctx) {
    var body = RunJson.ScheduleBody.read(JsonBody.of(ctx, RunJson.ScheduleBody.class));
    Schedule schedule =
        schedules.schedule(
            access.workspace(ctx),
            access.role(ctx),
            access.actor(ctx),
            ctx.pathParam("manual"),
            ctx.pathParam("procedure"),
            body.frequency(),
            body.day(),
            String.valueOf(body.assignee()),
            body.leadDays() == null ? "" : String.valueOf(body.leadDays()));
    ctx.status(HttpStatus.CREATED).json(RunJson.ScheduleItem.of(schedule));
  }

  private void stop(Context ctx) {
    long id = id(ctx, "schedule", "There is no such schedule in this workspace.");
    schedules.stop(access.workspace(ctx), access.role(ctx), access.actor(ctx), id);
    ctx.json(new RunJson.Stopped(id));
  }
}
