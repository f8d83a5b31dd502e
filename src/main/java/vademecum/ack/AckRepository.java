package vademecum.ack;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.ACKNOWLEDGEMENT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.Collection;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vademecum.db.Prepared;
import vademecum.manual.ProcedureStanding;

/** SQL for acknowledgements: append-only rows, statuses computed by query. */
public final class AckRepository {
  /** Roles whose members acknowledge procedures. */
  static final List<String> ACKNOWLEDGING_ROLES = List.of("assistant", "editor");

  private final DSLContext db;

  public AckRepository(DSLContext db) {
    this.db = db;
  }

  /** The account is an assistant or editor of that workspace. */
  private static Condition acknowledgingMember(Field<Long> workspaceId, long accountId) {
    return acknowledgingMember(workspaceId, DSL.val(accountId));
  }

  private static Condition acknowledgingMember(Field<Long> workspaceId, Field<Long> accountId) {
    return MEMBERSHIP
        .WORKSPACE_ID
        .eq(workspaceId)
        .and(MEMBERSHIP.ACCOUNT_ID.eq(accountId))
        .and(MEMBERSHIP.ROLE.in(ACKNOWLEDGING_ROLES));
  }

  /** The latest version of the procedure that was not published as minor. */
  private static Field<Integer> required() {
    var v = PROCEDURE_VERSION.as("req");
    return DSL.field(
        DSL.select(DSL.max(v.NUMBER))
            .from(v)
            .where(v.PROCEDURE_ID.eq(PROCEDURE.ID).and(v.MINOR.isFalse())));
  }

  /** The highest version of the procedure this account acknowledged. */
  private static Field<Integer> acked(Field<Long> accountId) {
    var a = ACKNOWLEDGEMENT.as("a");
    var v = PROCEDURE_VERSION.as("av");
    return DSL.field(
        DSL.select(DSL.max(v.NUMBER))
            .from(a)
            .join(v)
            .on(v.ID.eq(a.PROCEDURE_VERSION_ID))
            .where(v.PROCEDURE_ID.eq(PROCEDURE.ID).and(a.ACCOUNT_ID.eq(accountId))));
  }

  /**
   * Every current procedure of the workspaces where the account acknowledges (assistant or editor),
   * narrowed by {@code scope}, with the account's status.
   */
  public List<ProcedureStanding> standings(long accountId, Condition scope) {
    return standingsQuery(db, DSL.val(accountId), scope)
        .fetch(
            r ->
                new ProcedureStanding(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6() == null ? r.value5() : r.value6(),
                    r.value7(),
                    r.value8(),
                    r.value9(),
                    r.value10(),
                    r.value11()));
  }

  /** The standings in one manual: what every page view of an assistant or editor reads. */
  public List<ProcedureStanding> standingsInManual(long accountId, long manualId) {
    return IN_MANUAL.list(db, java.util.Map.of("account", accountId, "manual", manualId));
  }

  private static final Prepared<ProcedureStanding> IN_MANUAL =
      Prepared.of(
          standingsQuery(
              DSL.using(org.jooq.SQLDialect.POSTGRES),
              DSL.param("account", Long.class),
              MANUAL.ID.eq(DSL.param("manual", Long.class))),
          r -> {
            Integer latest = r.get(5, Integer.class);
            Integer required = r.get(6, Integer.class);
            return new ProcedureStanding(
                r.get(1, Long.class),
                r.get(2, String.class),
                r.get(3, String.class),
                r.get(4, Long.class),
                latest,
                required == null ? latest : required,
                r.get(7, Integer.class),
                r.get(8, String.class),
                r.get(9, String.class),
                r.get(10, String.class),
                r.get(11, String.class));
          });

  private static org.jooq.Select<
          org.jooq.Record11<
              Long,
              String,
              String,
              Long,
              Integer,
              Integer,
              Integer,
              String,
              String,
              String,
              String>>
      standingsQuery(DSLContext db, Field<Long> accountId, Condition scope) {
    var current = PROCEDURE_VERSION.as("cur");
    return db.select(
            PROCEDURE.ID,
            PROCEDURE.KEY,
            current.TITLE,
            current.ID,
            current.NUMBER,
            required(),
            acked(accountId),
            MANUAL.SLUG,
            REVISION.TITLE,
            WORKSPACE.SLUG,
            WORKSPACE.NAME)
        .from(PROCEDURE)
        .join(current)
        .on(current.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(MANUAL.WORKSPACE_ID))
        .join(MEMBERSHIP)
        .on(acknowledgingMember(WORKSPACE.ID, accountId))
        .where(scope)
        .orderBy(WORKSPACE.NAME, REVISION.TITLE, MANUAL.ID, PROCEDURE.POSITION);
  }

  /** The Markdown of a procedure's version by number (for the inbox diffs). */
  public String versionMarkdown(long procedureId, int number) {
    return db.select(PROCEDURE_VERSION.MARKDOWN)
        .from(PROCEDURE_VERSION)
        .where(
            PROCEDURE_VERSION.PROCEDURE_ID.eq(procedureId).and(PROCEDURE_VERSION.NUMBER.eq(number)))
        .fetchOne(PROCEDURE_VERSION.MARKDOWN);
  }

  /** Of the given versions, those the account may acknowledge (its role in their workspace). */
  public List<Long> acknowledgeable(DSLContext tx, long accountId, Collection<Long> versionIds) {
    return tx.select(PROCEDURE_VERSION.ID)
        .from(PROCEDURE_VERSION)
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(PROCEDURE_VERSION.PROCEDURE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(MEMBERSHIP)
        .on(acknowledgingMember(MANUAL.WORKSPACE_ID, accountId))
        .where(PROCEDURE_VERSION.ID.in(versionIds))
        .fetch(PROCEDURE_VERSION.ID);
  }

  /** Records each version once; a second submission of the same version inserts nothing. */
  /** Records the acknowledgements not yet recorded; returns the versions that were new. */
  public List<Long> insert(DSLContext tx, long accountId, Collection<Long> versionIds) {
    List<Long> inserted = new java.util.ArrayList<>();
    for (Long versionId : versionIds) {
      if (tx.insertInto(ACKNOWLEDGEMENT)
              .set(ACKNOWLEDGEMENT.PROCEDURE_VERSION_ID, versionId)
              .set(ACKNOWLEDGEMENT.ACCOUNT_ID, accountId)
              .onConflictDoNothing()
              .execute()
          > 0) {
        inserted.add(versionId);
      }
    }
    return inserted;
  }

  /** One dashboard row: an assistant, a current procedure, and the status numbers. */
  public record Cell(
      long accountId,
      String name,
      long procedureId,
      String manualSlug,
      String manualTitle,
      String key,
      String title,
      int required,
      Integer acked) {}

  /**
   * Assistants × current procedures of the workspace, in one query. The required and the
   * acknowledged version numbers come from two grouped sub-queries joined once, not from a
   * sub-query per cell.
   */
  public List<Cell> dashboard(long workspaceId) {
    var current = PROCEDURE_VERSION.as("cur");
    var v = PROCEDURE_VERSION.as("v");
    var vp = PROCEDURE.as("vp");
    var vm = MANUAL.as("vm");
    var required =
        DSL.select(v.PROCEDURE_ID, DSL.max(v.NUMBER).as("n"))
            .from(v)
            .join(vp)
            .on(vp.ID.eq(v.PROCEDURE_ID))
            .join(vm)
            .on(vm.ID.eq(vp.MANUAL_ID))
            .where(v.MINOR.isFalse().and(vm.WORKSPACE_ID.eq(workspaceId)))
            .groupBy(v.PROCEDURE_ID)
            .asTable("required");
    var a = ACKNOWLEDGEMENT.as("a");
    var av = PROCEDURE_VERSION.as("av");
    var ap = PROCEDURE.as("ap");
    var am = MANUAL.as("am");
    var acked =
        DSL.select(a.ACCOUNT_ID, av.PROCEDURE_ID, DSL.max(av.NUMBER).as("n"))
            .from(a)
            .join(av)
            .on(av.ID.eq(a.PROCEDURE_VERSION_ID))
            .join(ap)
            .on(ap.ID.eq(av.PROCEDURE_ID))
            .join(am)
            .on(am.ID.eq(ap.MANUAL_ID))
            .where(am.WORKSPACE_ID.eq(workspaceId))
            .groupBy(a.ACCOUNT_ID, av.PROCEDURE_ID)
            .asTable("acked");
    Field<Integer> requiredNumber = required.field("n", Integer.class);
    Field<Integer> ackedNumber = acked.field("n", Integer.class);
    return db.select(
            ACCOUNT.ID,
            ACCOUNT.DISPLAY_NAME,
            PROCEDURE.ID,
            MANUAL.SLUG,
            REVISION.TITLE,
            PROCEDURE.KEY,
            current.TITLE,
            requiredNumber,
            ackedNumber)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .crossJoin(PROCEDURE)
        .join(current)
        .on(current.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
        .leftJoin(required)
        .on(required.field(v.PROCEDURE_ID).eq(PROCEDURE.ID))
        .leftJoin(acked)
        .on(
            acked
                .field(a.ACCOUNT_ID)
                .eq(ACCOUNT.ID)
                .and(acked.field(av.PROCEDURE_ID).eq(PROCEDURE.ID)))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .and(MEMBERSHIP.ROLE.eq("assistant"))
        .and(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .orderBy(ACCOUNT.DISPLAY_NAME, REVISION.TITLE, MANUAL.ID, PROCEDURE.POSITION)
        .fetch(
            r ->
                new Cell(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8() == null ? 1 : r.value8(),
                    r.value9()));
  }

  /** Every acknowledgement in the workspace (or of one procedure), newest first. */
  public List<AckRecord> records(long workspaceId, Long procedureId) {
    Condition condition = MANUAL.WORKSPACE_ID.eq(workspaceId);
    if (procedureId != null) {
      condition = condition.and(PROCEDURE.ID.eq(procedureId));
    }
    return db.select(
            ACKNOWLEDGEMENT.AT,
            ACCOUNT.DISPLAY_NAME,
            ACCOUNT.EMAIL,
            MANUAL.SLUG,
            REVISION.TITLE,
            PROCEDURE.KEY,
            PROCEDURE_VERSION.TITLE,
            PROCEDURE_VERSION.NUMBER,
            PROCEDURE_VERSION.MINOR)
        .from(ACKNOWLEDGEMENT)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(ACKNOWLEDGEMENT.ACCOUNT_ID))
        .join(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(ACKNOWLEDGEMENT.PROCEDURE_VERSION_ID))
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(PROCEDURE_VERSION.PROCEDURE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.LATEST_REVISION_ID))
        .where(condition)
        .orderBy(ACKNOWLEDGEMENT.AT.desc(), ACKNOWLEDGEMENT.ID.desc())
        .fetch(org.jooq.Records.mapping(AckRecord::new));
  }

  /** The procedure id of a manual's procedure key, if any. */
  public Long procedureId(long manualId, String key) {
    return db.select(PROCEDURE.ID)
        .from(PROCEDURE)
        .where(PROCEDURE.MANUAL_ID.eq(manualId).and(PROCEDURE.KEY.eq(key)))
        .fetchOne(PROCEDURE.ID);
  }
}
