package vademecum.run;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.RUN;
import static vademecum.db.schema.Tables.RUN_SCHEDULE;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import vademecum.kernel.TimeZones;

/** SQL for run schedules. Every method runs on the {@code DSLContext} it is given. */
public final class ScheduleRepository {
  /** A member who can be given runs: owners, editors and assistants. */
  public record Assignable(long accountId, String name) {}

  public List<Assignable> assignable(DSLContext db, long workspaceId) {
    return db.select(ACCOUNT.ID, ACCOUNT.DISPLAY_NAME)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .and(MEMBERSHIP.ROLE.in("owner", "editor", "assistant"))
        .orderBy(ACCOUNT.DISPLAY_NAME, ACCOUNT.ID)
        .fetch(r -> new Assignable(r.value1(), r.value2()));
  }

  public long insert(
      DSLContext db,
      long workspaceId,
      long procedureId,
      Recurrence recurrence,
      Long assigneeId,
      int leadDays,
      LocalDate nextDue,
      long createdBy) {
    return db.insertInto(RUN_SCHEDULE)
        .set(RUN_SCHEDULE.WORKSPACE_ID, workspaceId)
        .set(RUN_SCHEDULE.PROCEDURE_ID, procedureId)
        .set(RUN_SCHEDULE.FREQUENCY, recurrence.frequency().column())
        .set(RUN_SCHEDULE.DAY, recurrence.day())
        .set(RUN_SCHEDULE.LAST_WORKING_DAY, recurrence.lastWorkingDay())
        .set(RUN_SCHEDULE.ANCHOR, recurrence.anchor().atDay(1))
        .set(RUN_SCHEDULE.ASSIGNEE_ID, assigneeId)
        .set(RUN_SCHEDULE.LEAD_DAYS, leadDays)
        .set(RUN_SCHEDULE.NEXT_DUE, nextDue)
        .set(RUN_SCHEDULE.CREATED_BY, createdBy)
        .returning(RUN_SCHEDULE.ID)
        .fetchSingle(RUN_SCHEDULE.ID);
  }

  private static SelectOnConditionStep<? extends Record> schedules(DSLContext db) {
    return db.select(
            RUN_SCHEDULE.ID,
            RUN_SCHEDULE.WORKSPACE_ID,
            WORKSPACE.SLUG,
            WORKSPACE.TIME_ZONE,
            RUN_SCHEDULE.PROCEDURE_ID,
            MANUAL.SLUG,
            MANUAL.LANGUAGE,
            PROCEDURE.KEY,
            PROCEDURE_VERSION.TITLE,
            RUN_SCHEDULE.FREQUENCY,
            RUN_SCHEDULE.DAY,
            RUN_SCHEDULE.LAST_WORKING_DAY,
            RUN_SCHEDULE.ANCHOR,
            RUN_SCHEDULE.ASSIGNEE_ID,
            ACCOUNT.DISPLAY_NAME,
            RUN_SCHEDULE.LEAD_DAYS,
            RUN_SCHEDULE.NEXT_DUE,
            MANUAL.ARCHIVED_AT,
            MANUAL.DELETED_AT)
        .from(RUN_SCHEDULE)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(RUN_SCHEDULE.WORKSPACE_ID))
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(RUN_SCHEDULE.PROCEDURE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .leftJoin(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .leftJoin(ACCOUNT)
        .on(ACCOUNT.ID.eq(RUN_SCHEDULE.ASSIGNEE_ID));
  }

  private static Schedule schedule(Record r) {
    return new Schedule(
        r.get(RUN_SCHEDULE.ID),
        r.get(RUN_SCHEDULE.WORKSPACE_ID),
        r.get(WORKSPACE.SLUG),
        TimeZones.of(r.get(WORKSPACE.TIME_ZONE)),
        r.get(RUN_SCHEDULE.PROCEDURE_ID),
        r.get(MANUAL.SLUG),
        r.get(MANUAL.LANGUAGE),
        r.get(PROCEDURE.KEY),
        r.get(PROCEDURE_VERSION.TITLE),
        new Recurrence(
            Recurrence.Frequency.fromColumn(r.get(RUN_SCHEDULE.FREQUENCY)),
            r.get(RUN_SCHEDULE.DAY),
            r.get(RUN_SCHEDULE.LAST_WORKING_DAY),
            YearMonth.from(r.get(RUN_SCHEDULE.ANCHOR))),
        r.get(RUN_SCHEDULE.ASSIGNEE_ID),
        r.get(ACCOUNT.DISPLAY_NAME),
        r.get(RUN_SCHEDULE.LEAD_DAYS),
        r.get(RUN_SCHEDULE.NEXT_DUE),
        r.get(MANUAL.ARCHIVED_AT) == null
            && r.get(MANUAL.DELETED_AT) == null
            && r.get(PROCEDURE_VERSION.TITLE) != null);
  }

  private static final Condition ACTIVE = RUN_SCHEDULE.STOPPED_AT.isNull();

  /** The workspace's schedules that still run, of one procedure or of all (procedure null). */
  public List<Schedule> active(DSLContext db, long workspaceId, Long procedureId) {
    return schedules(db)
        .where(RUN_SCHEDULE.WORKSPACE_ID.eq(workspaceId))
        .and(ACTIVE)
        .and(procedureId == null ? DSL.noCondition() : RUN_SCHEDULE.PROCEDURE_ID.eq(procedureId))
        .orderBy(RUN_SCHEDULE.NEXT_DUE, RUN_SCHEDULE.ID)
        .fetch(ScheduleRepository::schedule);
  }

  /**
   * The schedules whose next run is to be created at {@code now}: its due date minus the days ahead
   * is today or earlier in its workspace's time zone.
   */
  public List<Long> due(DSLContext db, Instant now) {
    Field<LocalDate> today = RunRepository.workspaceDay(now);
    return db.select(RUN_SCHEDULE.ID)
        .from(RUN_SCHEDULE)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(RUN_SCHEDULE.WORKSPACE_ID))
        .where(ACTIVE)
        .and(
            DSL.field("{0} - {1}", LocalDate.class, RUN_SCHEDULE.NEXT_DUE, RUN_SCHEDULE.LEAD_DAYS)
                .le(today))
        .orderBy(RUN_SCHEDULE.NEXT_DUE)
        .fetch(RUN_SCHEDULE.ID);
  }

  /** Takes a person off the live schedules of a workspace that they were assigned; their ids. */
  public List<Long> unassign(DSLContext db, long workspaceId, long accountId) {
    return db.update(RUN_SCHEDULE)
        .setNull(RUN_SCHEDULE.ASSIGNEE_ID)
        .where(RUN_SCHEDULE.WORKSPACE_ID.eq(workspaceId))
        .and(RUN_SCHEDULE.ASSIGNEE_ID.eq(accountId))
        .and(RUN_SCHEDULE.STOPPED_AT.isNull())
        .returning(RUN_SCHEDULE.ID)
        .fetch(RUN_SCHEDULE.ID);
  }

  /** Takes a person off the open runs of a workspace that were assigned to them; how many. */
  public int unassignOpenRuns(DSLContext db, long workspaceId, long accountId) {
    return db.update(RUN)
        .setNull(RUN.ASSIGNEE_ID)
        .where(RUN.WORKSPACE_ID.eq(workspaceId))
        .and(RUN.ASSIGNEE_ID.eq(accountId))
        .and(RUN.FINISHED_AT.isNull())
        .execute();
  }

  /** The schedule, locked until the transaction ends; empty if another node holds it. */
  public Optional<Schedule> lock(DSLContext db, long id) {
    Optional<Long> locked =
        db.select(RUN_SCHEDULE.ID)
            .from(RUN_SCHEDULE)
            .where(RUN_SCHEDULE.ID.eq(id))
            .and(ACTIVE)
            .forUpdate()
            .skipLocked()
            .fetchOptional(RUN_SCHEDULE.ID);
    return locked.flatMap(
        l ->
            schedules(db).where(RUN_SCHEDULE.ID.eq(l)).fetchOptional(ScheduleRepository::schedule));
  }

  public void advance(DSLContext db, long id, LocalDate nextDue) {
    db.update(RUN_SCHEDULE)
        .set(RUN_SCHEDULE.NEXT_DUE, nextDue)
        .where(RUN_SCHEDULE.ID.eq(id))
        .execute();
  }

  /** Returns whether a schedule of the workspace stopped. */
  public boolean stop(DSLContext db, long workspaceId, long id) {
    return db.update(RUN_SCHEDULE)
            .set(RUN_SCHEDULE.STOPPED_AT, DSL.currentOffsetDateTime())
            .where(RUN_SCHEDULE.ID.eq(id))
            .and(RUN_SCHEDULE.WORKSPACE_ID.eq(workspaceId))
            .and(ACTIVE)
            .execute()
        == 1;
  }
}
