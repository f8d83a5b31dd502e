package vademecum.run;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.RUN;
import static vademecum.db.schema.Tables.RUN_STEP;
import static vademecum.db.schema.Tables.RUN_STEP_FILE;
import static vademecum.db.schema.Tables.RUN_TICK;
import static vademecum.db.schema.Tables.STORED_FILE;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import vademecum.db.schema.tables.Account;
import vademecum.db.schema.tables.ProcedureVersion;
import vademecum.kernel.Nullable;
import vademecum.kernel.TimeZones;

/** SQL for checklist runs. Every method runs on the {@code DSLContext} it is given. */
public final class RunRepository {
  private static final ProcedureVersion CURRENT = PROCEDURE_VERSION.as("current_version");
  private static final Account STARTER = ACCOUNT.as("starter");
  private static final Account FINISHER = ACCOUNT.as("finisher");
  private static final Account ASSIGNEE = ACCOUNT.as("assignee");

  /** A procedure version's number and text, to freeze a run on. */
  public record Version(long id, long procedureId, int number, String title, String markdown) {}

  /** The workspace's time zone: its runs' due dates are days of that calendar. */
  public ZoneId zoneOf(DSLContext db, long workspaceId) {
    return TimeZones.of(
        db.select(WORKSPACE.TIME_ZONE)
            .from(WORKSPACE)
            .where(WORKSPACE.ID.eq(workspaceId))
            .fetchSingle(WORKSPACE.TIME_ZONE));
  }

  public void setZone(DSLContext db, long workspaceId, ZoneId zone) {
    db.update(WORKSPACE)
        .set(WORKSPACE.TIME_ZONE, zone.getId())
        .where(WORKSPACE.ID.eq(workspaceId))
        .execute();
  }

  /** The current version of a manual's procedure, by its key. */
  public Optional<Version> current(DSLContext db, long manualId, String key) {
    return currentWhere(db, PROCEDURE.MANUAL_ID.eq(manualId).and(PROCEDURE.KEY.eq(key)));
  }

  /** The current version of a procedure, if it has one. */
  public Optional<Version> currentOf(DSLContext db, long procedureId) {
    return currentWhere(db, PROCEDURE.ID.eq(procedureId));
  }

  private static Optional<Version> currentWhere(DSLContext db, Condition procedure) {
    return db.select(
            PROCEDURE_VERSION.ID,
            PROCEDURE_VERSION.PROCEDURE_ID,
            PROCEDURE_VERSION.NUMBER,
            PROCEDURE_VERSION.TITLE,
            PROCEDURE_VERSION.MARKDOWN)
        .from(PROCEDURE)
        .join(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .where(procedure)
        .fetchOptional(
            r -> new Version(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
  }

  /** The text of a procedure's version by its number, if it exists. */
  public Optional<String> versionText(DSLContext db, long procedureId, int number) {
    return db.select(PROCEDURE_VERSION.MARKDOWN)
        .from(PROCEDURE_VERSION)
        .where(PROCEDURE_VERSION.PROCEDURE_ID.eq(procedureId))
        .and(PROCEDURE_VERSION.NUMBER.eq(number))
        .fetchOptional(PROCEDURE_VERSION.MARKDOWN);
  }

  /**
   * A new run with its steps; empty when its schedule already has a run for that due date.
   *
   * @param startedBy null for a run a schedule created
   */
  public Optional<Long> insert(
      DSLContext db,
      long workspaceId,
      Version version,
      String title,
      LocalDate dueOn,
      Long startedBy,
      Long scheduleId,
      Long assigneeId,
      List<String> steps) {
    Optional<Long> inserted =
        db.insertInto(RUN)
            .set(RUN.WORKSPACE_ID, workspaceId)
            .set(RUN.PROCEDURE_ID, version.procedureId())
            .set(RUN.PROCEDURE_VERSION_ID, version.id())
            .set(RUN.TITLE, title)
            .set(RUN.DUE_ON, dueOn)
            .set(RUN.STARTED_BY, startedBy)
            .set(RUN.SCHEDULE_ID, scheduleId)
            .set(RUN.ASSIGNEE_ID, assigneeId)
            .onConflictDoNothing()
            .returning(RUN.ID)
            .fetchOptional(RUN.ID);
    if (inserted.isEmpty()) {
      return inserted;
    }
    long id = inserted.get();
    var insert = db.insertInto(RUN_STEP, RUN_STEP.RUN_ID, RUN_STEP.POSITION, RUN_STEP.TEXT);
    for (int i = 0; i < steps.size(); i++) {
      insert = insert.values(id, i + 1, steps.get(i));
    }
    insert.execute();
    return inserted;
  }

  /**
   * Runs of a deleted or archived manual are out of every list and cannot be opened or ticked, as
   * the manual is out of every page (its schedules rest too); they come back with the manual.
   */
  private static final Condition LIVE_MANUAL =
      MANUAL.DELETED_AT.isNull().and(MANUAL.ARCHIVED_AT.isNull());

  private static SelectOnConditionStep<? extends Record> runs(DSLContext db) {
    return db.select(
            RUN.ID,
            RUN.WORKSPACE_ID,
            WORKSPACE.SLUG,
            WORKSPACE.TIME_ZONE,
            RUN.PROCEDURE_ID,
            RUN.PROCEDURE_VERSION_ID,
            PROCEDURE_VERSION.NUMBER,
            CURRENT.NUMBER,
            MANUAL.SLUG,
            MANUAL.LANGUAGE,
            PROCEDURE.KEY,
            PROCEDURE_VERSION.TITLE,
            RUN.TITLE,
            RUN.DUE_ON,
            STARTER.DISPLAY_NAME,
            RUN.STARTED_AT,
            FINISHER.DISPLAY_NAME,
            RUN.FINISHED_AT,
            RUN.OUTCOME,
            ASSIGNEE.DISPLAY_NAME)
        .from(RUN)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(RUN.WORKSPACE_ID))
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(RUN.PROCEDURE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(RUN.PROCEDURE_VERSION_ID))
        .leftJoin(CURRENT)
        .on(CURRENT.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .leftJoin(STARTER)
        .on(STARTER.ID.eq(RUN.STARTED_BY))
        .leftJoin(FINISHER)
        .on(FINISHER.ID.eq(RUN.FINISHED_BY))
        .leftJoin(ASSIGNEE)
        .on(ASSIGNEE.ID.eq(RUN.ASSIGNEE_ID));
  }

  private static Run run(Record r) {
    Integer current = r.get(CURRENT.NUMBER);
    return new Run(
        r.get(RUN.ID),
        r.get(RUN.WORKSPACE_ID),
        r.get(WORKSPACE.SLUG),
        TimeZones.of(r.get(WORKSPACE.TIME_ZONE)),
        r.get(RUN.PROCEDURE_ID),
        r.get(RUN.PROCEDURE_VERSION_ID),
        r.get(PROCEDURE_VERSION.NUMBER),
        current == null ? r.get(PROCEDURE_VERSION.NUMBER) : current,
        r.get(MANUAL.SLUG),
        r.get(MANUAL.LANGUAGE),
        r.get(PROCEDURE.KEY),
        r.get(PROCEDURE_VERSION.TITLE),
        r.get(RUN.TITLE),
        r.get(RUN.DUE_ON),
        r.get(STARTER.DISPLAY_NAME),
        r.get(RUN.STARTED_AT),
        r.get(FINISHER.DISPLAY_NAME),
        r.get(RUN.FINISHED_AT),
        r.get(RUN.OUTCOME),
        r.get(ASSIGNEE.DISPLAY_NAME));
  }

  /** The run, if it is one of this workspace's. */
  public Optional<Run> find(DSLContext db, long workspaceId, long runId) {
    return runs(db)
        .where(RUN.ID.eq(runId))
        .and(RUN.WORKSPACE_ID.eq(workspaceId))
        .and(LIVE_MANUAL)
        .fetchOptional(RunRepository::run);
  }

  /**
   * Locks the run's row: shared by ticks (which go on side by side, each on its own step's row),
   * exclusive when it is finished (so no tick lands on a finished run). Returns whether it is open.
   */
  public Optional<Boolean> lockOpen(
      DSLContext db, long workspaceId, long runId, boolean exclusive) {
    var select =
        db.select(RUN.FINISHED_AT.isNull())
            .from(RUN)
            .join(PROCEDURE)
            .on(PROCEDURE.ID.eq(RUN.PROCEDURE_ID))
            .join(MANUAL)
            .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
            .where(RUN.ID.eq(runId))
            .and(RUN.WORKSPACE_ID.eq(workspaceId))
            .and(LIVE_MANUAL);
    // Only the run's row: a lock on the manual's would hold up its publishing.
    return (exclusive ? select.forUpdate() : select.forShare())
        .of(RUN)
        .fetchOptional(r -> r.value1());
  }

  /**
   * Open runs whose due date is before {@code today} in their workspace's zone and whose being
   * overdue was not told yet, locked (another node skips them), marked told.
   */
  public List<Long> takeOverdue(DSLContext db, Instant now) {
    var today = workspaceDay(now);
    List<Long> ids =
        db.select(RUN.ID)
            .from(RUN)
            .join(WORKSPACE)
            .on(WORKSPACE.ID.eq(RUN.WORKSPACE_ID))
            .join(PROCEDURE)
            .on(PROCEDURE.ID.eq(RUN.PROCEDURE_ID))
            .join(MANUAL)
            .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
            .where(RUN.FINISHED_AT.isNull())
            .and(RUN.OVERDUE_TOLD_AT.isNull())
            .and(LIVE_MANUAL)
            .and(RUN.DUE_ON.lt(today))
            .forUpdate()
            .of(RUN)
            .skipLocked()
            .fetch(RUN.ID);
    if (!ids.isEmpty()) {
      db.update(RUN)
          .set(RUN.OVERDUE_TOLD_AT, DSL.currentOffsetDateTime())
          .where(RUN.ID.in(ids))
          .execute();
    }
    return ids;
  }

  /** Who a run is for: its assignee, else who started it (while still a member who runs). */
  public Optional<RunMail.Recipient> recipient(DSLContext db, long runId) {
    return db.select(ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ACCOUNT.LANGUAGE)
        .from(RUN)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(DSL.coalesce(RUN.ASSIGNEE_ID, RUN.STARTED_BY)))
        .join(MEMBERSHIP)
        .on(MEMBERSHIP.ACCOUNT_ID.eq(ACCOUNT.ID).and(MEMBERSHIP.WORKSPACE_ID.eq(RUN.WORKSPACE_ID)))
        .where(RUN.ID.eq(runId))
        .and(MEMBERSHIP.ROLE.ne("recruiter"))
        .fetchOptional(r -> new RunMail.Recipient(r.value1(), r.value2(), r.value3()));
  }

  /**
   * The open runs for this person in every workspace where they still run procedures: given to them
   * by a schedule, or started by them and given to nobody. Soonest due first.
   */
  public List<Run> openFor(DSLContext db, long accountId) {
    return runs(db)
        .join(MEMBERSHIP)
        .on(MEMBERSHIP.WORKSPACE_ID.eq(RUN.WORKSPACE_ID).and(MEMBERSHIP.ACCOUNT_ID.eq(accountId)))
        .where(RUN.FINISHED_AT.isNull())
        .and(LIVE_MANUAL)
        .and(MEMBERSHIP.ROLE.ne("recruiter"))
        .and(
            RUN.ASSIGNEE_ID
                .eq(accountId)
                .or(RUN.ASSIGNEE_ID.isNull().and(RUN.STARTED_BY.eq(accountId))))
        .orderBy(RUN.DUE_ON.asc().nullsLast(), RUN.STARTED_AT.desc())
        .limit(100)
        .fetch(RunRepository::run);
  }

  /**
   * The day {@code now} is in the calendar of the workspace joined to the query. A zone PostgreSQL
   * does not know (one chosen before only its zones were offered, or an older time-zone database on
   * an external server) counts as the default, Europe/Paris: "time zone not recognized" from one
   * workspace's row failed the whole query, and with it every workspace's schedules.
   */
  static Field<LocalDate> workspaceDay(Instant now) {
    return DSL.field(
        "({0} at time zone (case when {1} in (select name from pg_timezone_names) then {1}"
            + " else '"
            + TimeZones.DEFAULT.getId()
            + "' end))::date",
        LocalDate.class,
        DSL.val(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)),
        WORKSPACE.TIME_ZONE);
  }

  /** The names of the time zones the database knows. */
  public Set<String> zoneNames(DSLContext db) {
    return new HashSet<>(db.fetch("select name from pg_timezone_names").getValues(0, String.class));
  }

  /** A run by id alone (for events told by the system). */
  public Optional<Run> byId(DSLContext db, long runId) {
    return runs(db).where(RUN.ID.eq(runId)).fetchOptional(RunRepository::run);
  }

  /** The filter as SQL; {@code today} decides what is overdue. */
  static Condition where(RunFilter filter, LocalDate today, ZoneId zone) {
    Condition condition = DSL.noCondition();
    if (filter.procedure() != null) {
      int slash = filter.procedure().indexOf('/');
      condition =
          slash < 0
              ? condition.and(MANUAL.SLUG.eq(filter.procedure()))
              : condition
                  .and(MANUAL.SLUG.eq(filter.procedure().substring(0, slash)))
                  .and(PROCEDURE.KEY.eq(filter.procedure().substring(slash + 1)));
    }
    if (filter.person() != null) {
      condition =
          condition.and(
              RUN.ASSIGNEE_ID
                  .eq(filter.person())
                  .or(RUN.ASSIGNEE_ID.isNull().and(RUN.STARTED_BY.eq(filter.person()))));
    }
    if (filter.state() != null) {
      condition =
          condition.and(
              switch (filter.state()) {
                case "open" -> RUN.FINISHED_AT.isNull();
                case "overdue" -> RUN.FINISHED_AT.isNull().and(RUN.DUE_ON.lt(today));
                case "done" -> RUN.OUTCOME.eq("done");
                default -> RUN.OUTCOME.eq("problems");
              });
    }
    if (filter.from() != null) {
      condition =
          condition.and(RUN.STARTED_AT.ge(filter.from().atStartOfDay(zone).toOffsetDateTime()));
    }
    if (filter.to() != null) {
      condition =
          condition.and(
              RUN.STARTED_AT.lt(filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime()));
    }
    return condition;
  }

  /** One step of one run, for the CSV export. */
  public record StepRow(Run run, RunStep step) {}

  /** The steps of the runs the condition selects, newest run first, in step order. */
  public List<StepRow> stepRows(DSLContext db, long workspaceId, Condition filter, int limit) {
    List<Run> selected =
        runs(db)
            .where(RUN.WORKSPACE_ID.eq(workspaceId))
            .and(LIVE_MANUAL)
            .and(filter)
            .orderBy(RUN.STARTED_AT.desc())
            .limit(limit)
            .fetch(RunRepository::run);
    Map<Long, Run> byId = new LinkedHashMap<>();
    selected.forEach(run -> byId.put(run.id(), run));
    List<StepRow> rows = new ArrayList<>();
    if (byId.isEmpty()) {
      return rows;
    }
    Map<Long, List<RunStep>> steps = stepsOf(db, byId.keySet());
    byId.values()
        .forEach(
            run ->
                steps
                    .getOrDefault(run.id(), List.of())
                    .forEach(s -> rows.add(new StepRow(run, s))));
    return rows;
  }

  /** A workspace's open runs (soonest due first), then its latest finished ones. */
  public List<Run> list(
      DSLContext db, long workspaceId, Condition filter, int openLimit, int finishedLimit) {
    // Two queries, each along its own partial index (V28): one ordering of a workspace's whole
    // history to keep its first rows cost 35 ms at 18,000 runs.
    List<Run> listed = new ArrayList<>(open(db, workspaceId, filter, openLimit));
    listed.addAll(
        runs(db)
            .where(RUN.WORKSPACE_ID.eq(workspaceId))
            .and(RUN.FINISHED_AT.isNotNull())
            .and(LIVE_MANUAL)
            .and(filter)
            .orderBy(RUN.FINISHED_AT.desc())
            .limit(finishedLimit)
            .fetch(RunRepository::run));
    return listed;
  }

  private static List<Run> open(DSLContext db, long workspaceId, Condition filter, int limit) {
    return runs(db)
        .where(RUN.WORKSPACE_ID.eq(workspaceId))
        .and(RUN.FINISHED_AT.isNull())
        .and(LIVE_MANUAL)
        .and(filter)
        .orderBy(RUN.DUE_ON.asc().nullsLast(), RUN.STARTED_AT.desc())
        .limit(limit)
        .fetch(RunRepository::run);
  }

  /** The latest runs of a manual's procedures, newest first. */
  public List<Run> ofManual(DSLContext db, long manualId, int limit) {
    return runs(db)
        .where(PROCEDURE.MANUAL_ID.eq(manualId))
        .orderBy(RUN.STARTED_AT.desc())
        .limit(limit)
        .fetch(RunRepository::run);
  }

  /** Runs of one procedure, newest first. */
  public List<Run> ofProcedure(DSLContext db, long procedureId, int limit) {
    return runs(db)
        .where(RUN.PROCEDURE_ID.eq(procedureId))
        .orderBy(RUN.STARTED_AT.desc())
        .limit(limit)
        .fetch(RunRepository::run);
  }

  /** A step's state and who set it, locked until the transaction ends. */
  public record StepState(String state, @Nullable String changedBy) {}

  public Optional<StepState> stepForUpdate(DSLContext db, long runId, int position) {
    return db.select(RUN_STEP.STATE, ACCOUNT.DISPLAY_NAME)
        .from(RUN_STEP)
        .leftJoin(ACCOUNT)
        .on(ACCOUNT.ID.eq(RUN_STEP.CHANGED_BY))
        .where(RUN_STEP.RUN_ID.eq(runId))
        .and(RUN_STEP.POSITION.eq(position))
        .forUpdate()
        .of(RUN_STEP)
        .fetchOptional(r -> new StepState(r.value1(), r.value2()));
  }

  public List<RunStep> steps(DSLContext db, long runId) {
    return stepsOf(db, List.of(runId)).getOrDefault(runId, List.of());
  }

  /** The steps of these runs, by run, in order. */
  private static Map<Long, List<RunStep>> stepsOf(DSLContext db, Collection<Long> runIds) {
    Map<Long, List<RunStep>> steps = new HashMap<>();
    db.select(
            RUN_STEP.RUN_ID,
            RUN_STEP.POSITION,
            RUN_STEP.TEXT,
            RUN_STEP.STATE,
            RUN_STEP.NOTE,
            ACCOUNT.DISPLAY_NAME,
            RUN_STEP.CHANGED_AT)
        .from(RUN_STEP)
        .leftJoin(ACCOUNT)
        .on(ACCOUNT.ID.eq(RUN_STEP.CHANGED_BY))
        .where(RUN_STEP.RUN_ID.in(runIds))
        .orderBy(RUN_STEP.RUN_ID, RUN_STEP.POSITION)
        .forEach(
            r ->
                steps
                    .computeIfAbsent(r.value1(), id -> new ArrayList<>())
                    .add(
                        new RunStep(
                            r.value2(),
                            r.value3(),
                            r.value4(),
                            r.value5(),
                            r.value6(),
                            r.value7())));
    return steps;
  }

  public List<RunTick> ticks(DSLContext db, long runId) {
    return db.select(
            RUN_TICK.POSITION, RUN_TICK.STATE, RUN_TICK.NOTE, ACCOUNT.DISPLAY_NAME, RUN_TICK.AT)
        .from(RUN_TICK)
        .leftJoin(ACCOUNT)
        .on(ACCOUNT.ID.eq(RUN_TICK.ACCOUNT_ID))
        .where(RUN_TICK.RUN_ID.eq(runId))
        .orderBy(RUN_TICK.ID)
        .fetch(r -> new RunTick(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
  }

  /** Records a change of a step that leaves its state (a file added) in the run's record. */
  public void record(DSLContext db, long runId, int position, String what, String note, long by) {
    db.insertInto(RUN_TICK)
        .set(RUN_TICK.RUN_ID, runId)
        .set(RUN_TICK.POSITION, position)
        .set(RUN_TICK.STATE, what)
        .set(RUN_TICK.NOTE, note)
        .set(RUN_TICK.ACCOUNT_ID, by)
        .execute();
  }

  /** Sets one step and records the change; returns whether the step exists. */
  public boolean tick(
      DSLContext db, long runId, int position, String state, String note, long accountId) {
    int updated =
        db.update(RUN_STEP)
            .set(RUN_STEP.STATE, state)
            .set(RUN_STEP.NOTE, note)
            .set(RUN_STEP.CHANGED_BY, accountId)
            .set(RUN_STEP.CHANGED_AT, DSL.currentOffsetDateTime())
            .where(RUN_STEP.RUN_ID.eq(runId))
            .and(RUN_STEP.POSITION.eq(position))
            .execute();
    if (updated == 0) {
      return false;
    }
    db.insertInto(RUN_TICK)
        .set(RUN_TICK.RUN_ID, runId)
        .set(RUN_TICK.POSITION, position)
        .set(RUN_TICK.STATE, state)
        .set(RUN_TICK.NOTE, note)
        .set(RUN_TICK.ACCOUNT_ID, accountId)
        .execute();
    return true;
  }

  /** A file shown on a step. */
  public record StepFile(int position, String sha256, String name, String contentType) {}

  public void attach(DSLContext db, long runId, int position, long fileId, long accountId) {
    db.insertInto(RUN_STEP_FILE)
        .set(RUN_STEP_FILE.RUN_ID, runId)
        .set(RUN_STEP_FILE.POSITION, position)
        .set(RUN_STEP_FILE.FILE_ID, fileId)
        .set(RUN_STEP_FILE.ADDED_BY, accountId)
        .onConflictDoNothing()
        .execute();
  }

  /** Takes the file (by its SHA-256) off the run's step; its name, if the step had it. */
  public Optional<String> detach(DSLContext db, long runId, int position, String sha256) {
    var found =
        db.select(STORED_FILE.ID, STORED_FILE.NAME)
            .from(RUN_STEP_FILE)
            .join(STORED_FILE)
            .on(STORED_FILE.ID.eq(RUN_STEP_FILE.FILE_ID))
            .where(RUN_STEP_FILE.RUN_ID.eq(runId))
            .and(RUN_STEP_FILE.POSITION.eq(position))
            .and(STORED_FILE.SHA256.eq(sha256))
            .fetchOptional();
    found.ifPresent(
        f ->
            db.deleteFrom(RUN_STEP_FILE)
                .where(RUN_STEP_FILE.RUN_ID.eq(runId))
                .and(RUN_STEP_FILE.POSITION.eq(position))
                .and(RUN_STEP_FILE.FILE_ID.eq(f.value1()))
                .execute());
    return found.map(f -> f.value2());
  }

  public List<StepFile> files(DSLContext db, long runId) {
    return db.select(
            RUN_STEP_FILE.POSITION, STORED_FILE.SHA256, STORED_FILE.NAME, STORED_FILE.CONTENT_TYPE)
        .from(RUN_STEP_FILE)
        .join(STORED_FILE)
        .on(STORED_FILE.ID.eq(RUN_STEP_FILE.FILE_ID))
        .where(RUN_STEP_FILE.RUN_ID.eq(runId))
        .orderBy(RUN_STEP_FILE.POSITION, RUN_STEP_FILE.ADDED_AT)
        .fetch(r -> new StepFile(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /** Whether the run has that step. */
  public boolean hasStep(DSLContext db, long runId, int position) {
    return db.fetchExists(
        DSL.selectOne()
            .from(RUN_STEP)
            .where(RUN_STEP.RUN_ID.eq(runId))
            .and(RUN_STEP.POSITION.eq(position)));
  }

  /** How many steps are still open, and how many were marked as problems. */
  public record Tally(int open, int problems) {}

  public Tally tally(DSLContext db, long runId) {
    return db.select(
            DSL.count().filterWhere(RUN_STEP.STATE.eq("open")),
            DSL.count().filterWhere(RUN_STEP.STATE.eq("problem")))
        .from(RUN_STEP)
        .where(RUN_STEP.RUN_ID.eq(runId))
        .fetchOne(r -> new Tally(r.value1(), r.value2()));
  }

  public void finish(DSLContext db, long runId, String outcome, long accountId) {
    db.update(RUN)
        .set(RUN.FINISHED_AT, DSL.currentOffsetDateTime())
        .set(RUN.FINISHED_BY, accountId)
        .set(RUN.OUTCOME, outcome)
        .where(RUN.ID.eq(runId))
        .execute();
  }
}
