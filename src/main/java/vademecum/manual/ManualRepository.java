package vademecum.manual;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.PUBLICATION;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.db.Prepared;

/** SQL for manuals, their revisions and publications. */
public final class ManualRepository {
  private final DSLContext db;

  public ManualRepository(DSLContext db) {
    this.db = db;
  }

  public Optional<Manual> find(long workspaceId, String slug) {
    return BY_SLUG.one(db, Map.of("workspace", workspaceId, "slug", slug));
  }

  /** Read on every manual page. */
  private static final Prepared<Manual> BY_SLUG =
      Prepared.of(
          selectManuals(DSL.using(org.jooq.SQLDialect.POSTGRES))
              .where(
                  MANUAL
                      .WORKSPACE_ID
                      .eq(DSL.param("workspace", Long.class))
                      .and(MANUAL.SLUG.eq(DSL.param("slug", String.class)))),
          r ->
              new Manual(
                  r.get(MANUAL.ID),
                  r.get(MANUAL.WORKSPACE_ID),
                  r.get(MANUAL.SLUG),
                  r.get(MANUAL.LANGUAGE),
                  r.get(MANUAL.SOURCE_PATH),
                  r.get(MANUAL.LATEST_REVISION_ID),
                  r.get(MANUAL.PUBLISHED_REVISION_ID)));

  public String workspaceSlug(long workspaceId) {
    return db.select(WORKSPACE.SLUG)
        .from(WORKSPACE)
        .where(WORKSPACE.ID.eq(workspaceId))
        .fetchOne(WORKSPACE.SLUG);
  }

  public Optional<Manual> findById(long manualId) {
    return findWhere(db, MANUAL.ID.eq(manualId), false);
  }

  public Optional<Manual> findBySourcePath(DSLContext tx, long workspaceId, String sourcePath) {
    return findWhere(
        tx, MANUAL.WORKSPACE_ID.eq(workspaceId).and(MANUAL.SOURCE_PATH.eq(sourcePath)), false);
  }

  /** Locks the manual row: saves to one manual are serialised, so the conflict check holds. */
  public Manual lock(DSLContext tx, long manualId) {
    return findWhere(tx, MANUAL.ID.eq(manualId), true).orElseThrow();
  }

  private static Optional<Manual> findWhere(DSLContext tx, Condition condition, boolean forUpdate) {
    var select = selectManuals(tx).where(condition);
    return (forUpdate ? select.forUpdate() : select).fetchOptional(Records.mapping(Manual::new));
  }

  private static org.jooq.SelectJoinStep<
          org.jooq.Record7<Long, Long, String, String, String, Long, Long>>
      selectManuals(DSLContext tx) {
    return tx.select(
            MANUAL.ID,
            MANUAL.WORKSPACE_ID,
            MANUAL.SLUG,
            MANUAL.LANGUAGE,
            MANUAL.SOURCE_PATH,
            MANUAL.LATEST_REVISION_ID,
            MANUAL.PUBLISHED_REVISION_ID)
        .from(MANUAL);
  }

  public boolean slugTaken(DSLContext tx, long workspaceId, String slug) {
    return tx.fetchExists(MANUAL, MANUAL.WORKSPACE_ID.eq(workspaceId).and(MANUAL.SLUG.eq(slug)));
  }

  public long insertManual(
      DSLContext tx, long workspaceId, String slug, String language, String sourcePath) {
    return tx.insertInto(MANUAL)
        .set(MANUAL.WORKSPACE_ID, workspaceId)
        .set(MANUAL.SLUG, slug)
        .set(MANUAL.LANGUAGE, language)
        .set(MANUAL.SOURCE_PATH, sourcePath)
        .returning(MANUAL.ID)
        .fetchSingle(MANUAL.ID);
  }

  public void pointLatest(DSLContext tx, long manualId, long revisionId, String language) {
    tx.update(MANUAL)
        .set(MANUAL.LATEST_REVISION_ID, revisionId)
        .set(MANUAL.LANGUAGE, language)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  public void pointPublished(DSLContext tx, long manualId, long revisionId) {
    tx.update(MANUAL)
        .set(MANUAL.PUBLISHED_REVISION_ID, revisionId)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  public Revision insertRevision(
      DSLContext tx, long manualId, int number, Draft draft, int procedureCount, long authorId) {
    long id =
        tx.insertInto(REVISION)
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
    return revision(tx, id).orElseThrow();
  }

  public void insertPublication(
      DSLContext tx, long manualId, long revisionId, boolean minor, long accountId) {
    tx.insertInto(PUBLICATION)
        .set(PUBLICATION.MANUAL_ID, manualId)
        .set(PUBLICATION.REVISION_ID, revisionId)
        .set(PUBLICATION.MINOR, minor)
        .set(PUBLICATION.PUBLISHED_BY, accountId)
        .execute();
  }

  public Optional<Revision> revision(long manualId, int number) {
    return BY_NUMBER.one(db, Map.of("manual", manualId, "number", number));
  }

  public Optional<Revision> revision(DSLContext tx, long revisionId) {
    return Optional.ofNullable(revisions(tx, java.util.Set.of(revisionId)).get(revisionId));
  }

  /** Several revisions in one round trip (a manual page needs its latest and published ones). */
  public Map<Long, Revision> revisions(DSLContext tx, java.util.Set<Long> revisionIds) {
    Map<Long, Revision> byId = new java.util.HashMap<>();
    REVISIONS.list(tx, Map.of("ids", revisionIds)).forEach(r -> byId.put(r.id(), r));
    return byId;
  }

  private static final Prepared<Revision> REVISIONS =
      Prepared.of(
          selectRevisions().where(REVISION.ID.eq(DSL.any(DSL.param("ids", Long[].class)))),
          ManualRepository::toRevision);

  private static final Prepared<Revision> BY_NUMBER =
      Prepared.of(
          selectRevisions()
              .where(
                  REVISION
                      .MANUAL_ID
                      .eq(DSL.param("manual", Long.class))
                      .and(REVISION.NUMBER.eq(DSL.param("number", Integer.class)))),
          ManualRepository::toRevision);

  private static org.jooq.SelectOnConditionStep<?> selectRevisions() {
    // Built in the PostgreSQL dialect: its bind values must match the SQL rendered for it
    // (other dialects emulate "= any (array)").
    return DSL.using(org.jooq.SQLDialect.POSTGRES)
        .select(
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
            REVISION.CREATED_AT)
        .from(REVISION)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(REVISION.AUTHOR_ID));
  }

  private static Revision toRevision(Prepared.Row r) throws java.sql.SQLException {
    return new Revision(
        r.get(REVISION.ID),
        r.get(REVISION.MANUAL_ID),
        r.get(REVISION.NUMBER),
        r.get(REVISION.BASE_NUMBER),
        r.get(REVISION.TITLE),
        r.get(REVISION.DESCRIPTION),
        List.copyOf(Arrays.asList(r.get(REVISION.TAGS))),
        r.get(REVISION.MARKDOWN),
        r.get(REVISION.PROCEDURE_COUNT),
        r.get(REVISION.AUTHOR_ID),
        r.get(ACCOUNT.DISPLAY_NAME),
        r.get(REVISION.NOTE),
        r.get(REVISION.MINOR),
        r.get(REVISION.CREATED_AT));
  }

  /** Newest first. */
  public List<RevisionSummary> history(long manualId) {
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
  public List<ManualSummary> list(long workspaceId, boolean latest) {
    var shown = REVISION.as("shown");
    var latestRev = REVISION.as("latest_rev");
    var publishedRev = REVISION.as("published_rev");
    var shownId = latest ? MANUAL.LATEST_REVISION_ID : MANUAL.PUBLISHED_REVISION_ID;
    return db.select(
            MANUAL.SLUG,
            shown.TITLE,
            MANUAL.LANGUAGE,
            shown.TAGS,
            latestRev.NUMBER,
            publishedRev.NUMBER,
            shown.PROCEDURE_COUNT,
            MANUAL.SOURCE_PATH)
        .from(MANUAL)
        .join(shown)
        .on(shown.ID.eq(shownId))
        .join(latestRev)
        .on(latestRev.ID.eq(MANUAL.LATEST_REVISION_ID))
        .leftJoin(publishedRev)
        .on(publishedRev.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .orderBy(shown.TITLE, MANUAL.SLUG)
        .fetch(
            r ->
                new ManualSummary(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    List.of(r.value4()),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8()));
  }
}
