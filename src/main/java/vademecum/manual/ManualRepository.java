package vademecum.manual;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.PUBLICATION;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.SQLDialect;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import vademecum.db.Columns;
import vademecum.db.Prepared;
import vademecum.db.WorkspaceLocks;

/**
 * SQL for manuals, their revisions and publications. Every method runs on the {@code DSLContext} it
 * is given; each record is read from one column list by one mapper, whether jOOQ or {@link
 * Prepared} runs the query.
 */
public final class ManualRepository {
  private static final List<Field<?>> MANUAL_COLUMNS =
      List.of(
          MANUAL.ID,
          MANUAL.WORKSPACE_ID,
          MANUAL.SLUG,
          MANUAL.LANGUAGE,
          MANUAL.SOURCE_PATH,
          MANUAL.LATEST_REVISION_ID,
          MANUAL.PUBLISHED_REVISION_ID,
          MANUAL.ARCHIVED_AT,
          MANUAL.DELETED_AT);

  private static Manual manual(Columns r) {
    return new Manual(
        r.get(MANUAL.ID),
        r.get(MANUAL.WORKSPACE_ID),
        r.get(MANUAL.SLUG),
        r.get(MANUAL.LANGUAGE),
        r.get(MANUAL.SOURCE_PATH),
        r.get(MANUAL.LATEST_REVISION_ID),
        r.get(MANUAL.PUBLISHED_REVISION_ID),
        r.get(MANUAL.ARCHIVED_AT),
        r.get(MANUAL.DELETED_AT));
  }

  public Optional<Manual> bySlug(DSLContext db, long workspaceId, String slug) {
    return BY_SLUG.one(db, Map.of("workspace", workspaceId, "slug", slug));
  }

  /** Read on every manual page. */
  private static final Prepared<Manual> BY_SLUG =
      Prepared.of(
          DSL.select(MANUAL_COLUMNS)
              .from(MANUAL)
              .where(
                  MANUAL
                      .WORKSPACE_ID
                      .eq(DSL.param("workspace", Long.class))
                      .and(MANUAL.SLUG.eq(DSL.param("slug", String.class)))),
          ManualRepository::manual);

  public String workspaceSlug(DSLContext db, long workspaceId) {
    return db.select(WORKSPACE.SLUG)
        .from(WORKSPACE)
        .where(WORKSPACE.ID.eq(workspaceId))
        .fetchOne(WORKSPACE.SLUG);
  }

  public Optional<Manual> byId(DSLContext db, long manualId) {
    return where(db, MANUAL.ID.eq(manualId), false);
  }

  public Optional<Manual> bySourcePath(DSLContext db, long workspaceId, String sourcePath) {
    return where(
        db, MANUAL.WORKSPACE_ID.eq(workspaceId).and(MANUAL.SOURCE_PATH.eq(sourcePath)), false);
  }

  /** The language most of the workspace's manuals are in; empty for a workspace without any. */
  public Optional<String> usualLanguage(DSLContext db, long workspaceId) {
    return db.select(MANUAL.LANGUAGE)
        .from(MANUAL)
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(MANUAL.DELETED_AT.isNull())
        .groupBy(MANUAL.LANGUAGE)
        .orderBy(DSL.count().desc(), MANUAL.LANGUAGE.desc())
        .limit(1)
        .fetchOptional(MANUAL.LANGUAGE);
  }

  /** Locks the manual row: saves to one manual are serialised, so the conflict check holds. */
  public Manual lock(DSLContext db, long manualId) {
    return where(db, MANUAL.ID.eq(manualId), true).orElseThrow();
  }

  private static Optional<Manual> where(DSLContext db, Condition condition, boolean forUpdate) {
    var select = db.select(MANUAL_COLUMNS).from(MANUAL).where(condition);
    return (forUpdate ? select.forUpdate() : select).fetchOptional(r -> manual(Columns.of(r)));
  }

  /**
   * Makes the workspace's manual creations take turns until the transaction ends: two at once chose
   * the same free address, and the second failed on the unique key.
   */
  public void lockCreations(DSLContext db, long workspaceId) {
    WorkspaceLocks.hold(db, WorkspaceLocks.MANUAL_CREATION, workspaceId);
  }

  /**
   * A manual this account created in the workspace since {@code since} whose only revision is this
   * draft (title, text, language, tags, description): the same form sent again (a double click, the
   * back button). A draft that differs in any of them (sent back with other tags) is a new manual,
   * not lost in its twin.
   */
  public Optional<Long> recentTwin(
      DSLContext db, long workspaceId, long authorId, Draft draft, OffsetDateTime since) {
    return db.select(MANUAL.ID)
        .from(MANUAL)
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.LATEST_REVISION_ID))
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(MANUAL.DELETED_AT.isNull())
        .and(REVISION.NUMBER.eq(1))
        .and(REVISION.AUTHOR_ID.eq(authorId))
        .and(REVISION.CREATED_AT.ge(since))
        .and(REVISION.TITLE.eq(draft.title()))
        .and(REVISION.MARKDOWN.eq(draft.markdown()))
        .and(MANUAL.LANGUAGE.eq(draft.language()))
        .and(REVISION.TAGS.eq(draft.tags().toArray(String[]::new)))
        .and(REVISION.DESCRIPTION.eq(draft.description() == null ? "" : draft.description()))
        .orderBy(MANUAL.ID.desc())
        .limit(1)
        .fetchOptional(MANUAL.ID);
  }

  public boolean slugTaken(DSLContext db, long workspaceId, String slug) {
    return db.fetchExists(MANUAL, MANUAL.WORKSPACE_ID.eq(workspaceId).and(MANUAL.SLUG.eq(slug)));
  }

  public long insertManual(
      DSLContext db, long workspaceId, String slug, String language, String sourcePath) {
    return db.insertInto(MANUAL)
        .set(MANUAL.WORKSPACE_ID, workspaceId)
        .set(MANUAL.SLUG, slug)
        .set(MANUAL.LANGUAGE, language)
        .set(MANUAL.SOURCE_PATH, sourcePath)
        .returning(MANUAL.ID)
        .fetchSingle(MANUAL.ID);
  }

  public void pointLatest(DSLContext db, long manualId, long revisionId, String language) {
    db.update(MANUAL)
        .set(MANUAL.LATEST_REVISION_ID, revisionId)
        .set(MANUAL.LANGUAGE, language)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  public void pointPublished(DSLContext db, long manualId, long revisionId) {
    db.update(MANUAL)
        .set(MANUAL.PUBLISHED_REVISION_ID, revisionId)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  public Revision insertRevision(
      DSLContext db, long manualId, int number, Draft draft, int procedureCount, long authorId) {
    long id =
        db.insertInto(REVISION)
            .set(REVISION.MANUAL_ID, manualId)
            .set(REVISION.NUMBER, number)
            .set(REVISION.BASE_NUMBER, draft.baseNumber())
            .set(REVISION.TITLE, draft.title())
            .set(REVISION.DESCRIPTION, draft.description() == null ? "" : draft.description())
            .set(REVISION.TAGS, draft.tags().toArray(String[]::new))
            .set(REVISION.MARKDOWN, draft.markdown())
            .set(REVISION.PROCEDURE_COUNT, procedureCount)
            .set(REVISION.AUTHOR_ID, authorId)
            .set(REVISION.NOTE, draft.note() == null ? "" : draft.note())
            .set(REVISION.MINOR, draft.minor())
            .returning(REVISION.ID)
            .fetchSingle(REVISION.ID);
    return revisionById(db, id).orElseThrow();
  }

  public void insertPublication(
      DSLContext db, long manualId, long revisionId, boolean minor, long accountId) {
    db.insertInto(PUBLICATION)
        .set(PUBLICATION.MANUAL_ID, manualId)
        .set(PUBLICATION.REVISION_ID, revisionId)
        .set(PUBLICATION.MINOR, minor)
        .set(PUBLICATION.PUBLISHED_BY, accountId)
        .execute();
  }

  public Optional<Revision> revisionByNumber(DSLContext db, long manualId, int number) {
    return BY_NUMBER.one(db, Map.of("manual", manualId, "number", number));
  }

  public Optional<Revision> revisionById(DSLContext db, long revisionId) {
    return Optional.ofNullable(revisionsById(db, Set.of(revisionId)).get(revisionId));
  }

  /** Several revisions in one round trip (a manual page needs its latest and published ones). */
  public Map<Long, Revision> revisionsById(DSLContext db, Set<Long> revisionIds) {
    Map<Long, Revision> byId = new HashMap<>();
    REVISIONS.list(db, Map.of("ids", revisionIds)).forEach(r -> byId.put(r.id(), r));
    return byId;
  }

  private static final List<Field<?>> REVISION_COLUMNS =
      List.of(
          REVISION.ID,
          REVISION.MANUAL_ID,
          REVISION.NUMBER,
          REVISION.BASE_NUMBER,
          REVISION.TITLE,
          REVISION.DESCRIPTION,
          REVISION.TAGS,
          REVISION.MARKDOWN,
          REVISION.PROCEDURE_COUNT,
          REVISION.AUTHOR_ID,
          ACCOUNT.DISPLAY_NAME,
          REVISION.NOTE,
          REVISION.MINOR,
          REVISION.CREATED_AT);

  private static Revision revision(Columns r) {
    return new Revision(
        r.get(REVISION.ID),
        r.get(REVISION.MANUAL_ID),
        r.get(REVISION.NUMBER),
        r.get(REVISION.BASE_NUMBER),
        r.get(REVISION.TITLE),
        r.get(REVISION.DESCRIPTION),
        List.of(r.get(REVISION.TAGS)),
        r.get(REVISION.MARKDOWN),
        r.get(REVISION.PROCEDURE_COUNT),
        r.get(REVISION.AUTHOR_ID),
        r.get(ACCOUNT.DISPLAY_NAME),
        r.get(REVISION.NOTE),
        r.get(REVISION.MINOR),
        r.get(REVISION.CREATED_AT));
  }

  private static final Prepared<Revision> REVISIONS =
      Prepared.of(
          selectRevisions().where(REVISION.ID.eq(DSL.any(DSL.param("ids", Long[].class)))),
          ManualRepository::revision);

  private static final Prepared<Revision> BY_NUMBER =
      Prepared.of(
          selectRevisions()
              .where(
                  REVISION
                      .MANUAL_ID
                      .eq(DSL.param("manual", Long.class))
                      .and(REVISION.NUMBER.eq(DSL.param("number", Integer.class)))),
          ManualRepository::revision);

  private static SelectOnConditionStep<?> selectRevisions() {
    // Built in the PostgreSQL dialect: its bind values must match the SQL rendered for it
    // (other dialects emulate "= any (array)").
    return DSL.using(SQLDialect.POSTGRES)
        .select(REVISION_COLUMNS)
        .from(REVISION)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(REVISION.AUTHOR_ID));
  }

  /** Newest first. */
  public List<RevisionSummary> history(DSLContext db, long manualId) {
    var published =
        DSL.exists(
            DSL.selectOne().from(PUBLICATION).where(PUBLICATION.REVISION_ID.eq(REVISION.ID)));
    var current =
        DSL.exists(
            DSL.selectOne()
                .from(MANUAL)
                .where(MANUAL.ID.eq(manualId).and(MANUAL.PUBLISHED_REVISION_ID.eq(REVISION.ID))));
    return db.select(
            REVISION.NUMBER,
            REVISION.TITLE,
            ACCOUNT.DISPLAY_NAME,
            REVISION.NOTE,
            REVISION.MINOR,
            REVISION.CREATED_AT,
            DSL.field(published),
            DSL.field(current))
        .from(REVISION)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(REVISION.AUTHOR_ID))
        .where(REVISION.MANUAL_ID.eq(manualId))
        .orderBy(REVISION.NUMBER.desc())
        .fetch(Records.mapping(RevisionSummary::new));
  }

  /**
   * The manuals of a workspace, each described by the revision its reader sees: the latest for
   * editors, the published one for everybody else (manuals never published are left out).
   */
  /**
   * The workspace's manuals, deleted ones left out; {@code latest} (editors) shows each one's
   * latest revision and includes the archived ones, otherwise the published revision of those not
   * archived. Ordered by position, then title: the page groups them by collection.
   */
  public List<ManualSummary> inWorkspace(DSLContext db, long workspaceId, boolean latest) {
    var shown = REVISION.as("shown");
    var latestRev = REVISION.as("latest_rev");
    var publishedRev = REVISION.as("published_rev");
    var shownId = latest ? MANUAL.LATEST_REVISION_ID : MANUAL.PUBLISHED_REVISION_ID;
    return db.select(
            MANUAL.SLUG,
            shown.TITLE,
            MANUAL.LANGUAGE,
            shown.TAGS.convertFrom((String[] tags) -> List.of(tags)),
            latestRev.NUMBER,
            publishedRev.NUMBER,
            shown.PROCEDURE_COUNT,
            MANUAL.SOURCE_PATH,
            MANUAL.ARCHIVED_AT.isNotNull(),
            MANUAL.COLLECTION_ID,
            MANUAL.POSITION)
        .from(MANUAL)
        .join(shown)
        .on(shown.ID.eq(shownId))
        .join(latestRev)
        .on(latestRev.ID.eq(MANUAL.LATEST_REVISION_ID))
        .leftJoin(publishedRev)
        .on(publishedRev.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(MANUAL.DELETED_AT.isNull())
        .and(latest ? DSL.noCondition() : MANUAL.ARCHIVED_AT.isNull())
        .orderBy(MANUAL.POSITION, shown.TITLE, MANUAL.SLUG)
        .fetch(Records.mapping(ManualSummary::new));
  }
}
