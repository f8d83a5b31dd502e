package vademecum.review;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.MANUAL_REVIEW;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.OUTDATED_FLAG;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.QUESTION;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.RUN;
import static vademecum.db.schema.Tables.RUN_STEP;
import static vademecum.db.schema.Tables.SUGGESTION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.SelectField;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import vademecum.db.schema.tables.Account;
import vademecum.kernel.TimeZones;

/** SQL for owners, reviews and out-of-date flags. Every method runs on the context it is given. */
public final class ReviewRepository {
  private static final Account OWNER = ACCOUNT.as("owner");
  private static final Account BY = ACCOUNT.as("by_account");

  /** Manuals readers can read: published, neither archived nor deleted. */
  private static final Condition LIVE =
      MANUAL
          .PUBLISHED_REVISION_ID
          .isNotNull()
          .and(MANUAL.ARCHIVED_AT.isNull())
          .and(MANUAL.DELETED_AT.isNull());

  /**
   * A manual's stewardship as stored, with its workspace's time zone (where its days are counted).
   */
  public record Row(
      long manualId,
      long workspaceId,
      String workspaceSlug,
      String manualSlug,
      String title,
      Long ownerId,
      String ownerName,
      String ownerEmail,
      String ownerLanguage,
      Integer months,
      OffsetDateTime reviewedAt,
      OffsetDateTime createdAt,
      OffsetDateTime dueTold,
      ZoneId zone) {}

  private static final List<SelectField<?>> ROW =
      List.of(
          MANUAL.ID,
          MANUAL.WORKSPACE_ID,
          WORKSPACE.SLUG,
          MANUAL.SLUG,
          REVISION.TITLE,
          OWNER.ID,
          OWNER.DISPLAY_NAME,
          OWNER.EMAIL,
          OWNER.LANGUAGE,
          MANUAL.REVIEW_MONTHS,
          MANUAL.REVIEWED_AT,
          MANUAL.CREATED_AT,
          MANUAL.REVIEW_DUE_TOLD,
          WORKSPACE.TIME_ZONE);

  private static SelectOnConditionStep<Record> rows(DSLContext db) {
    return db.select(ROW)
        .from(MANUAL)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(MANUAL.WORKSPACE_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(DSL.coalesce(MANUAL.PUBLISHED_REVISION_ID, MANUAL.LATEST_REVISION_ID)))
        // The owner counts while still an owner or editor of the workspace, and able to sign in:
        // otherwise the manual has none, and its mail goes to the workspace's owners.
        .leftJoin(OWNER)
        .on(OWNER.ID.eq(MANUAL.OWNER_ID))
        .and(OWNER.DISABLED.isFalse())
        .andExists(
            DSL.selectOne()
                .from(MEMBERSHIP)
                .where(MEMBERSHIP.WORKSPACE_ID.eq(MANUAL.WORKSPACE_ID))
                .and(MEMBERSHIP.ACCOUNT_ID.eq(MANUAL.OWNER_ID))
                .and(MEMBERSHIP.ROLE.in("owner", "editor")));
  }

  private static Row row(Record r) {
    return new Row(
        r.get(MANUAL.ID),
        r.get(MANUAL.WORKSPACE_ID),
        r.get(WORKSPACE.SLUG),
        r.get(MANUAL.SLUG),
        r.get(REVISION.TITLE),
        r.get(OWNER.ID),
        r.get(OWNER.DISPLAY_NAME),
        r.get(OWNER.EMAIL),
        r.get(OWNER.LANGUAGE),
        r.get(MANUAL.REVIEW_MONTHS),
        r.get(MANUAL.REVIEWED_AT),
        r.get(MANUAL.CREATED_AT),
        r.get(MANUAL.REVIEW_DUE_TOLD),
        TimeZones.of(r.get(WORKSPACE.TIME_ZONE)));
  }

  public Optional<Row> byManual(DSLContext db, long manualId) {
    return rows(db).where(MANUAL.ID.eq(manualId)).fetchOptional(ReviewRepository::row);
  }

  /** The workspace's live manuals. */
  public List<Row> inWorkspace(DSLContext db, long workspaceId) {
    return rows(db)
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(LIVE)
        .orderBy(MANUAL.ID)
        .fetch(ReviewRepository::row);
  }

  /** Every live manual with a review interval, in every workspace (the due-date announcer). */
  public List<Row> withInterval(DSLContext db) {
    return rows(db)
        .where(MANUAL.REVIEW_MONTHS.isNotNull())
        .and(LIVE)
        .orderBy(MANUAL.ID)
        .fetch(ReviewRepository::row);
  }

  /** Locks the manual row while its review state changes. */
  public void lock(DSLContext db, long manualId) {
    db.select(MANUAL.ID).from(MANUAL).where(MANUAL.ID.eq(manualId)).forUpdate().execute();
  }

  public void setStewardship(DSLContext db, long manualId, Long ownerId, Integer months) {
    db.update(MANUAL)
        .set(MANUAL.OWNER_ID, ownerId)
        .set(MANUAL.REVIEW_MONTHS, months)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  /** Records a review and makes it the manual's last. */
  public void insertReview(DSLContext db, long manualId, long accountId, String kind, String note) {
    db.insertInto(MANUAL_REVIEW)
        .set(MANUAL_REVIEW.MANUAL_ID, manualId)
        .set(MANUAL_REVIEW.ACCOUNT_ID, accountId)
        .set(MANUAL_REVIEW.KIND, kind)
        .set(MANUAL_REVIEW.NOTE, note)
        .execute();
    db.update(MANUAL)
        .set(MANUAL.REVIEWED_AT, DSL.currentOffsetDateTime())
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  /** A manual's reviews, newest first. */
  public record Review(String kind, String byName, String note, OffsetDateTime at) {}

  public List<Review> reviews(DSLContext db, long manualId, int limit) {
    return db.select(
            MANUAL_REVIEW.KIND,
            DSL.coalesce(ACCOUNT.DISPLAY_NAME, DSL.val("—")),
            MANUAL_REVIEW.NOTE,
            MANUAL_REVIEW.AT)
        .from(MANUAL_REVIEW)
        .leftJoin(ACCOUNT)
        .on(ACCOUNT.ID.eq(MANUAL_REVIEW.ACCOUNT_ID))
        .where(MANUAL_REVIEW.MANUAL_ID.eq(manualId))
        .orderBy(MANUAL_REVIEW.AT.desc(), MANUAL_REVIEW.ID.desc())
        .limit(limit)
        .fetch(Records.mapping(Review::new));
  }

  /**
   * Gives the manual an owner when it has none and {@code accountId} is an owner or editor of its
   * workspace (who publishes a manual first answers for it).
   */
  public void adopt(DSLContext db, long manualId, long accountId) {
    db.update(MANUAL)
        .set(MANUAL.OWNER_ID, accountId)
        .where(MANUAL.ID.eq(manualId))
        .and(MANUAL.OWNER_ID.isNull())
        .andExists(
            DSL.selectOne()
                .from(MEMBERSHIP)
                .where(MEMBERSHIP.WORKSPACE_ID.eq(MANUAL.WORKSPACE_ID))
                .and(MEMBERSHIP.ACCOUNT_ID.eq(accountId))
                .and(MEMBERSHIP.ROLE.in("owner", "editor")))
        .execute();
  }

  /** Every manual of the workspace without an owner gets this one (the demo's sample manuals). */
  public int adoptAll(DSLContext db, long workspaceId, long accountId) {
    return db.update(MANUAL)
        .set(MANUAL.OWNER_ID, accountId)
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(MANUAL.OWNER_ID.isNull())
        .execute();
  }

  public String workspaceSlug(DSLContext db, long workspaceId) {
    return db.select(WORKSPACE.SLUG)
        .from(WORKSPACE)
        .where(WORKSPACE.ID.eq(workspaceId))
        .fetchOne(WORKSPACE.SLUG);
  }

  public void markTold(DSLContext db, long manualId, OffsetDateTime due) {
    db.update(MANUAL).set(MANUAL.REVIEW_DUE_TOLD, due).where(MANUAL.ID.eq(manualId)).execute();
  }

  /** Members who may own a manual: the workspace's owners and editors, by name. */
  public record Candidate(long id, String name) {}

  public List<Candidate> candidates(DSLContext db, long workspaceId) {
    return db.select(ACCOUNT.ID, ACCOUNT.DISPLAY_NAME)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .and(MEMBERSHIP.ROLE.in("owner", "editor"))
        .and(ACCOUNT.DISABLED.isFalse())
        .orderBy(ACCOUNT.DISPLAY_NAME)
        .fetch(Records.mapping(Candidate::new));
  }

  /** Where to send a workspace's mail when a manual has no owner: its owners' addresses. */
  public record Recipient(String email, String name, String language) {}

  public List<Recipient> workspaceOwners(DSLContext db, long workspaceId) {
    return db.select(ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ACCOUNT.LANGUAGE)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .and(MEMBERSHIP.ROLE.eq("owner"))
        .and(ACCOUNT.DISABLED.isFalse())
        .fetch(Records.mapping(Recipient::new));
  }

  public long insertFlag(
      DSLContext db, long manualId, long procedureId, long accountId, String note) {
    return db.insertInto(OUTDATED_FLAG)
        .set(OUTDATED_FLAG.MANUAL_ID, manualId)
        .set(OUTDATED_FLAG.PROCEDURE_ID, procedureId)
        .set(OUTDATED_FLAG.FLAGGED_BY, accountId)
        .set(OUTDATED_FLAG.NOTE, note)
        .returning(OUTDATED_FLAG.ID)
        .fetchOne(OUTDATED_FLAG.ID);
  }

  /** The published procedure's id, if the manual has it now. */
  public Optional<Long> currentProcedure(DSLContext db, long manualId, String key) {
    return db.select(PROCEDURE.ID)
        .from(PROCEDURE)
        .where(PROCEDURE.MANUAL_ID.eq(manualId))
        .and(PROCEDURE.KEY.eq(key))
        .and(PROCEDURE.CURRENT_VERSION_ID.isNotNull())
        .fetchOptional(PROCEDURE.ID);
  }

  /** Resolves one open flag of the workspace; whether there was one. */
  public boolean resolveFlag(DSLContext db, long workspaceId, long flagId, long accountId) {
    return db.update(OUTDATED_FLAG)
            .set(OUTDATED_FLAG.RESOLVED_AT, DSL.currentOffsetDateTime())
            .set(OUTDATED_FLAG.RESOLVED_BY, accountId)
            .where(OUTDATED_FLAG.ID.eq(flagId))
            .and(OUTDATED_FLAG.RESOLVED_AT.isNull())
            .andExists(
                DSL.selectOne()
                    .from(MANUAL)
                    .where(MANUAL.ID.eq(OUTDATED_FLAG.MANUAL_ID))
                    .and(MANUAL.WORKSPACE_ID.eq(workspaceId)))
            .execute()
        == 1;
  }

  /** A review of the whole manual settles its open flags. */
  public int resolveFlags(DSLContext db, long manualId, long accountId) {
    return db.update(OUTDATED_FLAG)
        .set(OUTDATED_FLAG.RESOLVED_AT, DSL.currentOffsetDateTime())
        .set(OUTDATED_FLAG.RESOLVED_BY, accountId)
        .where(OUTDATED_FLAG.MANUAL_ID.eq(manualId))
        .and(OUTDATED_FLAG.RESOLVED_AT.isNull())
        .execute();
  }

  /** Something waiting for an owner or editor, with the date it has waited since. */
  public record Waiting(
      long id,
      String manualSlug,
      String manualTitle,
      String procedureKey,
      String procedureTitle,
      String byName,
      String note,
      OffsetDateTime since) {}

  /**
   * The open flags of the workspace's live manuals, or of one manual, archived too: its review page
   * resolves all its open flags ("still accurate"), so it lists them all.
   */
  public List<Waiting> openFlags(DSLContext db, long workspaceId, Long manualId) {
    Condition where =
        MANUAL
            .WORKSPACE_ID
            .eq(workspaceId)
            .and(OUTDATED_FLAG.RESOLVED_AT.isNull())
            .and(manualId == null ? LIVE : MANUAL.DELETED_AT.isNull());
    if (manualId != null) {
      where = where.and(MANUAL.ID.eq(manualId));
    }
    return db.select(
            OUTDATED_FLAG.ID,
            MANUAL.SLUG,
            REVISION.TITLE,
            PROCEDURE.KEY,
            DSL.coalesce(PROCEDURE_VERSION.TITLE, PROCEDURE.KEY),
            DSL.coalesce(BY.DISPLAY_NAME, DSL.val("—")),
            OUTDATED_FLAG.NOTE,
            OUTDATED_FLAG.CREATED_AT)
        .from(OUTDATED_FLAG)
        .join(MANUAL)
        .on(MANUAL.ID.eq(OUTDATED_FLAG.MANUAL_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(OUTDATED_FLAG.PROCEDURE_ID))
        .leftJoin(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .leftJoin(BY)
        .on(BY.ID.eq(OUTDATED_FLAG.FLAGGED_BY))
        .where(where)
        .orderBy(OUTDATED_FLAG.CREATED_AT)
        .fetch(Records.mapping(Waiting::new));
  }

  public List<Waiting> openQuestions(DSLContext db, long workspaceId) {
    return db.select(
            QUESTION.ID,
            MANUAL.SLUG,
            REVISION.TITLE,
            PROCEDURE.KEY,
            DSL.coalesce(PROCEDURE_VERSION.TITLE, PROCEDURE.KEY),
            DSL.coalesce(BY.DISPLAY_NAME, DSL.val("—")),
            QUESTION.QUOTE,
            QUESTION.UPDATED_AT)
        .from(QUESTION)
        .join(MANUAL)
        .on(MANUAL.ID.eq(QUESTION.MANUAL_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(QUESTION.PROCEDURE_ID))
        .leftJoin(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .leftJoin(BY)
        .on(BY.ID.eq(QUESTION.ASKED_BY))
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(QUESTION.STATUS.eq("open"))
        .and(MANUAL.DELETED_AT.isNull())
        .orderBy(QUESTION.UPDATED_AT)
        .fetch(Records.mapping(Waiting::new));
  }

  /** Days a checklist run finished with problems stays on the review list. */
  static final int RUN_PROBLEM_DAYS = 30;

  /**
   * Checklist runs finished with problems lately: the first problem's note, who finished the run,
   * and when.
   */
  public List<Waiting> runProblems(DSLContext db, long workspaceId) {
    var firstProblem =
        DSL.select(RUN_STEP.NOTE)
            .from(RUN_STEP)
            .where(RUN_STEP.RUN_ID.eq(RUN.ID))
            .and(RUN_STEP.STATE.eq("problem"))
            .orderBy(RUN_STEP.POSITION)
            .limit(1)
            .asField();
    return db.select(
            RUN.ID,
            MANUAL.SLUG,
            REVISION.TITLE,
            PROCEDURE.KEY,
            PROCEDURE_VERSION.TITLE,
            DSL.coalesce(BY.DISPLAY_NAME, DSL.val("—")),
            DSL.coalesce(firstProblem.cast(String.class), DSL.val("")),
            RUN.FINISHED_AT)
        .from(RUN)
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(RUN.PROCEDURE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(DSL.coalesce(MANUAL.PUBLISHED_REVISION_ID, MANUAL.LATEST_REVISION_ID)))
        .join(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(RUN.PROCEDURE_VERSION_ID))
        .leftJoin(BY)
        .on(BY.ID.eq(RUN.FINISHED_BY))
        .where(RUN.WORKSPACE_ID.eq(workspaceId))
        .and(RUN.OUTCOME.eq("problems"))
        .and(RUN.FINISHED_AT.gt(OffsetDateTime.now().minusDays(RUN_PROBLEM_DAYS)))
        // An archived manual's runs are not shown (RunRepository): listed, each led to a 404.
        .and(MANUAL.DELETED_AT.isNull())
        .and(MANUAL.ARCHIVED_AT.isNull())
        .orderBy(RUN.FINISHED_AT)
        .fetch(Records.mapping(Waiting::new));
  }

  /** Open suggestions that submit a declined one again. */
  public List<Waiting> resubmitted(DSLContext db, long workspaceId) {
    return db.select(
            SUGGESTION.ID,
            MANUAL.SLUG,
            REVISION.TITLE,
            DSL.coalesce(SUGGESTION.PROCEDURE_KEY, DSL.val("")),
            // The procedure's title, as flags and questions show it (its key as a last resort).
            DSL.coalesce(PROCEDURE_VERSION.TITLE, SUGGESTION.PROCEDURE_KEY, DSL.val("")),
            DSL.coalesce(BY.DISPLAY_NAME, DSL.val("—")),
            SUGGESTION.NOTE,
            SUGGESTION.CREATED_AT)
        .from(SUGGESTION)
        .join(MANUAL)
        .on(MANUAL.ID.eq(SUGGESTION.MANUAL_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(DSL.coalesce(MANUAL.PUBLISHED_REVISION_ID, MANUAL.LATEST_REVISION_ID)))
        .leftJoin(PROCEDURE)
        .on(PROCEDURE.MANUAL_ID.eq(SUGGESTION.MANUAL_ID))
        .and(PROCEDURE.KEY.eq(SUGGESTION.PROCEDURE_KEY))
        .leftJoin(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .leftJoin(BY)
        .on(BY.ID.eq(SUGGESTION.AUTHOR_ID))
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(SUGGESTION.STATUS.eq("open"))
        .and(SUGGESTION.RESUBMITS_ID.isNotNull())
        .and(MANUAL.DELETED_AT.isNull())
        .orderBy(SUGGESTION.CREATED_AT)
        .fetch(Records.mapping(Waiting::new));
  }
}
