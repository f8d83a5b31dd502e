package vademecum.ack;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.ACKNOWLEDGEMENT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_OPENING;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import vademecum.db.Columns;
import vademecum.db.Prepared;
import vademecum.db.schema.tables.ProcedureVersion;
import vademecum.kernel.Nullable;
import vademecum.manual.ProcedureStanding;

/**
 * SQL for acknowledgements: append-only rows, statuses computed by query. Every method runs on the
 * {@code DSLContext} it is given.
 */
public final class AckRepository {
  /** Roles whose members acknowledge procedures. */
  static final List<String> ACKNOWLEDGING_ROLES = List.of("assistant", "editor");

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

  /** Archived and deleted manuals ask nobody to read them. */
  private static final Condition READABLE =
      MANUAL.ARCHIVED_AT.isNull().and(MANUAL.DELETED_AT.isNull());

  /** Every standings query reads these fields; one instance each, so the mapper finds them. */
  private static final ProcedureVersion CURRENT = PROCEDURE_VERSION.as("cur");

  private static final Field<Long> ACCOUNT_PARAM = DSL.param("account", Long.class);

  /** The latest version of the procedure that was not published as minor. */
  private static final Field<Integer> REQUIRED = required().as("required_number");

  /** Whether the reader was shown the current version's text (an index lookup). */
  private static final Field<Boolean> OPENED =
      DSL.field(
              DSL.exists(
                  DSL.selectOne()
                      .from(PROCEDURE_OPENING)
                      .where(
                          PROCEDURE_OPENING
                              .ACCOUNT_ID
                              .eq(ACCOUNT_PARAM)
                              .and(PROCEDURE_OPENING.PROCEDURE_VERSION_ID.eq(CURRENT.ID)))))
          .as("opened");

  /** The highest version of the procedure the reader acknowledged. */
  private static final Field<Integer> ACKED = acked(ACCOUNT_PARAM).as("acked_number");

  private static Field<Integer> required() {
    var v = PROCEDURE_VERSION.as("req");
    return DSL.field(
        DSL.select(DSL.max(v.NUMBER))
            .from(v)
            .where(v.PROCEDURE_ID.eq(PROCEDURE.ID).and(v.MINOR.isFalse())));
  }

  /**
   * The highest version whose text the reader acknowledged: a version counts when the reader
   * acknowledged it or an earlier version with the same text, so restoring text that was confirmed
   * does not ask for it to be read again.
   */
  private static Field<Integer> acked(Field<Long> accountId) {
    var a = ACKNOWLEDGEMENT.as("a");
    var read = PROCEDURE_VERSION.as("ar");
    var v = PROCEDURE_VERSION.as("av");
    return DSL.field(
        DSL.select(DSL.max(v.NUMBER))
            .from(a)
            .join(read)
            .on(read.ID.eq(a.PROCEDURE_VERSION_ID))
            .join(v)
            .on(v.PROCEDURE_ID.eq(read.PROCEDURE_ID).and(v.CONTENT_HASH.eq(read.CONTENT_HASH)))
            .where(read.PROCEDURE_ID.eq(PROCEDURE.ID).and(a.ACCOUNT_ID.eq(accountId))));
  }

  private static final List<Field<?>> STANDING_COLUMNS =
      List.of(
          PROCEDURE.ID,
          PROCEDURE.KEY,
          CURRENT.TITLE,
          CURRENT.ID,
          CURRENT.NUMBER,
          REQUIRED,
          ACKED,
          MANUAL.SLUG,
          REVISION.TITLE,
          WORKSPACE.SLUG,
          WORKSPACE.NAME,
          OPENED);

  private static ProcedureStanding standing(Columns r) {
    int current = r.get(CURRENT.NUMBER);
    Integer required = r.get(REQUIRED);
    return new ProcedureStanding(
        r.get(PROCEDURE.ID),
        r.get(PROCEDURE.KEY),
        r.get(CURRENT.TITLE),
        r.get(CURRENT.ID),
        current,
        required == null ? current : required,
        r.get(ACKED),
        r.get(MANUAL.SLUG),
        r.get(REVISION.TITLE),
        r.get(WORKSPACE.SLUG),
        r.get(WORKSPACE.NAME),
        Boolean.TRUE.equals(r.get(OPENED)));
  }

  /**
   * Every current procedure of the workspaces where the account acknowledges (assistant or editor),
   * narrowed by {@code scope}, with the account's status.
   */
  private static Prepared<ProcedureStanding> standingsWhere(Condition scope) {
    return Prepared.of(
        DSL.using(SQLDialect.POSTGRES)
            .select(STANDING_COLUMNS)
            .from(PROCEDURE)
            .join(CURRENT)
            .on(CURRENT.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
            .join(MANUAL)
            .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
            .join(REVISION)
            .on(REVISION.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
            .join(WORKSPACE)
            .on(WORKSPACE.ID.eq(MANUAL.WORKSPACE_ID))
            .join(MEMBERSHIP)
            .on(acknowledgingMember(WORKSPACE.ID, ACCOUNT_PARAM))
            .where(scope)
            .and(READABLE)
            .orderBy(WORKSPACE.NAME, REVISION.TITLE, MANUAL.ID, PROCEDURE.POSITION),
        AckRepository::standing);
  }

  private static final Prepared<ProcedureStanding> EVERYWHERE = standingsWhere(DSL.noCondition());

  private static final Prepared<ProcedureStanding> IN_WORKSPACE =
      standingsWhere(MANUAL.WORKSPACE_ID.eq(DSL.param("workspace", Long.class)));

  /** What every page view of an assistant or editor reads. */
  private static final Prepared<ProcedureStanding> IN_MANUAL =
      standingsWhere(MANUAL.ID.eq(DSL.param("manual", Long.class)));

  /** The account's standings in every workspace where it acknowledges. */
  public List<ProcedureStanding> standings(DSLContext db, long accountId) {
    return EVERYWHERE.list(db, Map.of("account", accountId));
  }

  public List<ProcedureStanding> standingsInWorkspace(
      DSLContext db, long accountId, long workspaceId) {
    return IN_WORKSPACE.list(db, Map.of("account", accountId, "workspace", workspaceId));
  }

  public List<ProcedureStanding> standingsInManual(DSLContext db, long accountId, long manualId) {
    return IN_MANUAL.list(db, Map.of("account", accountId, "manual", manualId));
  }

  /** The Markdown of a procedure's version by number (for the inbox diffs). */
  public String versionMarkdown(DSLContext db, long procedureId, int number) {
    return db.select(PROCEDURE_VERSION.MARKDOWN)
        .from(PROCEDURE_VERSION)
        .where(
            PROCEDURE_VERSION.PROCEDURE_ID.eq(procedureId).and(PROCEDURE_VERSION.NUMBER.eq(number)))
        .fetchOne(PROCEDURE_VERSION.MARKDOWN);
  }

  /**
   * Of the given versions, those the account may acknowledge, with their workspace: its role in
   * their workspace, in a manual readers can open (an archived or deleted one's versions, sent by
   * id through the API, were recorded and told to webhooks), and in {@code workspaceId} when one is
   * given (the workspace whose address the request came through and whose role was checked).
   */
  public Map<Long, Long> acknowledgeable(
      DSLContext db, long accountId, @Nullable Long workspaceId, Collection<Long> versionIds) {
    return db.select(PROCEDURE_VERSION.ID, MANUAL.WORKSPACE_ID)
        .from(PROCEDURE_VERSION)
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(PROCEDURE_VERSION.PROCEDURE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(MEMBERSHIP)
        .on(acknowledgingMember(MANUAL.WORKSPACE_ID, accountId))
        .where(PROCEDURE_VERSION.ID.in(versionIds))
        .and(READABLE)
        .and(workspaceId == null ? DSL.noCondition() : MANUAL.WORKSPACE_ID.eq(workspaceId))
        .fetchMap(PROCEDURE_VERSION.ID, MANUAL.WORKSPACE_ID);
  }

  /**
   * Records the acknowledgements not yet recorded (a second submission of the same version inserts
   * nothing); returns the versions that were new.
   */
  public List<Long> insert(DSLContext db, long accountId, Collection<Long> versionIds) {
    List<Long> inserted = new ArrayList<>();
    for (Long versionId : versionIds) {
      if (db.insertInto(ACKNOWLEDGEMENT)
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

  /** Records that the account was shown these versions' text (once each; later views add none). */
  public void recordOpenings(DSLContext db, long accountId, Collection<Long> versionIds) {
    if (versionIds.isEmpty()) {
      return;
    }
    var insert =
        db.insertInto(
            PROCEDURE_OPENING,
            PROCEDURE_OPENING.ACCOUNT_ID,
            PROCEDURE_OPENING.PROCEDURE_VERSION_ID);
    for (Long versionId : versionIds) {
      insert = insert.values(accountId, versionId);
    }
    insert.onConflictDoNothing().execute();
  }

  /** Of the given versions, those whose text the account was shown. */
  public Set<Long> opened(DSLContext db, long accountId, Collection<Long> versionIds) {
    if (versionIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        db.select(PROCEDURE_OPENING.PROCEDURE_VERSION_ID)
            .from(PROCEDURE_OPENING)
            .where(PROCEDURE_OPENING.ACCOUNT_ID.eq(accountId))
            .and(PROCEDURE_OPENING.PROCEDURE_VERSION_ID.in(versionIds))
            .fetch(PROCEDURE_OPENING.PROCEDURE_VERSION_ID));
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
  public List<Cell> dashboard(DSLContext db, long workspaceId) {
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
    var read = PROCEDURE_VERSION.as("ar");
    var av = PROCEDURE_VERSION.as("av");
    var ap = PROCEDURE.as("ap");
    var am = MANUAL.as("am");
    // As in acked(): a version counts as read when a version with the same text was acknowledged.
    var acked =
        DSL.select(a.ACCOUNT_ID, av.PROCEDURE_ID, DSL.max(av.NUMBER).as("n"))
            .from(a)
            .join(read)
            .on(read.ID.eq(a.PROCEDURE_VERSION_ID))
            .join(av)
            .on(av.PROCEDURE_ID.eq(read.PROCEDURE_ID).and(av.CONTENT_HASH.eq(read.CONTENT_HASH)))
            .join(ap)
            .on(ap.ID.eq(av.PROCEDURE_ID))
            .join(am)
            .on(am.ID.eq(ap.MANUAL_ID))
            .where(am.WORKSPACE_ID.eq(workspaceId))
            .groupBy(a.ACCOUNT_ID, av.PROCEDURE_ID)
            .asTable("acked");
    Field<Integer> requiredNumber = DSL.coalesce(required.field("n", Integer.class), 1);
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
        .and(READABLE)
        .orderBy(ACCOUNT.DISPLAY_NAME, REVISION.TITLE, MANUAL.ID, PROCEDURE.POSITION)
        .fetch(Records.mapping(Cell::new));
  }

  /** Every acknowledgement in the workspace (or of one procedure), newest first. */
  public List<AckRecord> records(DSLContext db, long workspaceId, Long procedureId) {
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
        // The published title (a draft's new title is not what readers confirmed); a deleted
        // manual's records are gone with it, as from every page.
        .join(REVISION)
        .on(REVISION.ID.eq(DSL.coalesce(MANUAL.PUBLISHED_REVISION_ID, MANUAL.LATEST_REVISION_ID)))
        .where(condition)
        .and(MANUAL.DELETED_AT.isNull())
        .orderBy(ACKNOWLEDGEMENT.AT.desc(), ACKNOWLEDGEMENT.ID.desc())
        .fetch(Records.mapping(AckRecord::new));
  }

  /** The procedure id of a manual's procedure key, if any. */
  public Long procedureId(DSLContext db, long manualId, String key) {
    return db.select(PROCEDURE.ID)
        .from(PROCEDURE)
        .where(PROCEDURE.MANUAL_ID.eq(manualId).and(PROCEDURE.KEY.eq(key)))
        .fetchOne(PROCEDURE.ID);
  }
}
