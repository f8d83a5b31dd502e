package vademecum.search;

import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.QUESTION;
import static vademecum.db.schema.Tables.QUESTION_MESSAGE;
import static vademecum.db.schema.Tables.REINDEX_REQUEST;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.SEARCH_CHANGE;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.kernel.Backlog;

/**
 * SQL for the search feed: the change log, transaction snapshots, and published content. Every
 * method runs on the {@code DSLContext} it is given.
 */
public final class SearchRepository {
  /** What a manual looks like to search: its published revision, or nothing. */
  record PublishedManual(
      long id,
      String workspaceSlug,
      String slug,
      String language,
      String sourcePath,
      String title,
      List<String> tags,
      String markdown) {}

  /**
   * The oldest transaction id still running: every transaction below it has ended, so every change
   * row stamped below it is visible now and forever.
   */
  /** The first transaction id not yet given out: every id below it exists in this database. */
  public long snapshotXmax(DSLContext db) {
    return db.fetchValue(
        DSL.field("pg_snapshot_xmax(pg_current_snapshot())::text::bigint", Long.class));
  }

  public long snapshotXmin(DSLContext db) {
    return db.fetchValue(
        DSL.field("pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class));
  }

  /** One row of the change log. */
  record Change(long id, long manualId, long txid) {}

  /**
   * Every committed change stamped with a transaction id at or above {@code fromTxid}, those of
   * transactions still running being invisible until they commit.
   */
  List<Change> changesFrom(DSLContext db, long fromTxid) {
    return db.select(SEARCH_CHANGE.ID, SEARCH_CHANGE.MANUAL_ID, SEARCH_CHANGE.TXID)
        .from(SEARCH_CHANGE)
        .where(SEARCH_CHANGE.TXID.ge(fromTxid))
        .orderBy(SEARCH_CHANGE.ID)
        .fetch(Records.mapping(Change::new));
  }

  /**
   * The committed changes not applied yet: those stamped at or above the watermark, but for the
   * ones applied already (by id), with the oldest one's age by the database's clock.
   */
  Backlog pending(DSLContext db, long fromTxid, Collection<Long> applied) {
    var age = DSL.field("extract(epoch from now() - min({0}))", Double.class, SEARCH_CHANGE.AT);
    return db.select(DSL.count(), age)
        .from(SEARCH_CHANGE)
        .where(SEARCH_CHANGE.TXID.ge(fromTxid))
        .and(
            applied.isEmpty()
                ? DSL.noCondition()
                : SEARCH_CHANGE.ID.notEqual(DSL.all(applied.toArray(Long[]::new))))
        .fetchOne(r -> Backlog.of(r.value1(), r.value2()));
  }

  /** The channel on which every node hears that the change log grew. */
  public static final String CHANNEL = "vademecum_search";

  /**
   * Written in the transaction that changes what is searchable (the outbox of the index), with a
   * notification PostgreSQL delivers to every listening node when, and only if, it commits.
   */
  public void recordChange(DSLContext db, long manualId) {
    db.insertInto(SEARCH_CHANGE).set(SEARCH_CHANGE.MANUAL_ID, manualId).execute();
    db.execute("notify " + CHANNEL);
  }

  /** Archived and deleted manuals are not searched: the index drops them like unpublished ones. */
  private static final Condition SEARCHABLE =
      MANUAL.ARCHIVED_AT.isNull().and(MANUAL.DELETED_AT.isNull());

  /**
   * The published revisions of these manuals, by manual id; those not published, archived or
   * deleted are absent.
   */
  Map<Long, PublishedManual> published(DSLContext db, Collection<Long> manualIds) {
    Map<Long, PublishedManual> published = new HashMap<>();
    db.select(
            MANUAL.ID,
            WORKSPACE.SLUG,
            MANUAL.SLUG,
            MANUAL.LANGUAGE,
            MANUAL.SOURCE_PATH,
            REVISION.TITLE,
            REVISION.TAGS.convertFrom((String[] tags) -> List.of(tags)),
            REVISION.MARKDOWN)
        .from(MANUAL)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(MANUAL.WORKSPACE_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.PUBLISHED_REVISION_ID))
        .where(MANUAL.ID.in(manualIds))
        .and(SEARCHABLE)
        .fetch(Records.mapping(PublishedManual::new))
        .forEach(manual -> published.put(manual.id(), manual));
    return published;
  }

  /**
   * Manual id → procedure key → number of its current version, for the manuals' published
   * revisions.
   */
  Map<Long, Map<String, Integer>> currentVersions(DSLContext db, Collection<Long> manualIds) {
    Map<Long, Map<String, Integer>> versions = new HashMap<>();
    db.select(PROCEDURE.MANUAL_ID, PROCEDURE.KEY, PROCEDURE_VERSION.NUMBER)
        .from(PROCEDURE)
        .join(PROCEDURE_VERSION)
        .on(PROCEDURE_VERSION.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .where(PROCEDURE.MANUAL_ID.in(manualIds))
        .forEach(
            r ->
                versions
                    .computeIfAbsent(r.get(PROCEDURE.MANUAL_ID), id -> new HashMap<>())
                    .put(r.get(PROCEDURE.KEY), r.get(PROCEDURE_VERSION.NUMBER)));
    return versions;
  }

  /**
   * Manual id → procedure key → the messages of its public questions (question, then answers), in
   * order: an answered question made public is part of its procedure's searchable text.
   */
  Map<Long, Map<String, List<String>>> publicQuestions(DSLContext db, Collection<Long> manualIds) {
    Map<Long, Map<String, List<String>>> texts = new HashMap<>();
    db.select(QUESTION.MANUAL_ID, PROCEDURE.KEY, QUESTION_MESSAGE.BODY)
        .from(QUESTION)
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(QUESTION.PROCEDURE_ID))
        .join(QUESTION_MESSAGE)
        .on(QUESTION_MESSAGE.QUESTION_ID.eq(QUESTION.ID))
        .where(QUESTION.MANUAL_ID.in(manualIds))
        .and(QUESTION.PUBLIC_AT.isNotNull())
        .orderBy(QUESTION.ID, QUESTION_MESSAGE.ID)
        .forEach(
            r ->
                texts
                    .computeIfAbsent(r.value1(), id -> new HashMap<>())
                    .computeIfAbsent(r.value2(), key -> new ArrayList<>())
                    .add(r.value3()));
    return texts;
  }

  List<Long> publishedManualIds(DSLContext db) {
    return db.select(MANUAL.ID)
        .from(MANUAL)
        .where(MANUAL.PUBLISHED_REVISION_ID.isNotNull())
        .and(SEARCHABLE)
        .orderBy(MANUAL.ID)
        .fetch(MANUAL.ID);
  }

  long latestReindexRequest(DSLContext db) {
    return db.select(DSL.coalesce(DSL.max(REINDEX_REQUEST.ID), 0L))
        .from(REINDEX_REQUEST)
        .fetchSingle(Records.mapping(latest -> latest));
  }

  public long requestReindex(DSLContext db) {
    return db.insertInto(REINDEX_REQUEST)
        .defaultValues()
        .returning(REINDEX_REQUEST.ID)
        .fetchSingle(REINDEX_REQUEST.ID);
  }
}
