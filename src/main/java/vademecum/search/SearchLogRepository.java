package vademecum.search;

import static vademecum.db.schema.Tables.SEARCH_LOG;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Records;
import org.jooq.impl.DSL;

/** SQL for the searches recorded for insights. Every method runs on the context it is given. */
public final class SearchLogRepository {
  public long insert(DSLContext db, long workspaceId, String query, int hits, String opened) {
    return db.insertInto(SEARCH_LOG)
        .set(SEARCH_LOG.WORKSPACE_ID, workspaceId)
        .set(SEARCH_LOG.QUERY, query)
        .set(SEARCH_LOG.HITS, hits)
        .set(SEARCH_LOG.OPENED, opened)
        .returning(SEARCH_LOG.ID)
        .fetchOne(SEARCH_LOG.ID);
  }

  /**
   * Notes the hit opened from a search recorded in the last hour in that workspace (the first one
   * opened: a second hit opened from the same results is the same search); whether there was such a
   * search.
   */
  public boolean markOpened(
      DSLContext db, long id, long workspaceId, String opened, OffsetDateTime since) {
    return db.update(SEARCH_LOG)
            .set(SEARCH_LOG.OPENED, DSL.coalesce(SEARCH_LOG.OPENED, DSL.val(opened)))
            .where(SEARCH_LOG.ID.eq(id))
            .and(SEARCH_LOG.WORKSPACE_ID.eq(workspaceId))
            .and(SEARCH_LOG.AT.gt(since))
            .execute()
        == 1;
  }

  /** Workspace ids by slug. */
  public Map<String, Long> workspaceIds(DSLContext db, Collection<String> slugs) {
    Map<String, Long> ids = new HashMap<>();
    db.select(WORKSPACE.SLUG, WORKSPACE.ID)
        .from(WORKSPACE)
        .where(WORKSPACE.SLUG.in(slugs))
        .forEach(r -> ids.put(r.value1(), r.value2()));
    return ids;
  }

  public int deleteBefore(DSLContext db, OffsetDateTime before) {
    return db.deleteFrom(SEARCH_LOG).where(SEARCH_LOG.AT.lt(before)).execute();
  }

  /**
   * A search text's figures over the period: how often it was made, how often it found nothing, how
   * often a hit was opened from it.
   */
  public record Figure(String query, int searches, int empty, int opened) {}

  private static final Field<Integer> SEARCHES = DSL.count().as("searches");
  private static final Field<Integer> EMPTY =
      DSL.count().filterWhere(SEARCH_LOG.HITS.eq(0)).as("empty");
  private static final Field<Integer> OPENED = DSL.count(SEARCH_LOG.OPENED).as("opened");

  /** The most frequent searches. */
  public List<Figure> top(DSLContext db, long workspaceId, OffsetDateTime since, int limit) {
    return figures(db, workspaceId, since, DSL.noCondition(), limit);
  }

  /** Searches that never found anything, most frequent first. */
  public List<Figure> withoutResult(
      DSLContext db, long workspaceId, OffsetDateTime since, int limit) {
    return figures(
        db, workspaceId, since, DSL.count().filterWhere(SEARCH_LOG.HITS.gt(0)).eq(0), limit);
  }

  /** Searches that found something from which nothing was ever opened. */
  public List<Figure> withoutOpening(
      DSLContext db, long workspaceId, OffsetDateTime since, int limit) {
    return figures(
        db,
        workspaceId,
        since,
        DSL.count(SEARCH_LOG.OPENED)
            .eq(0)
            .and(DSL.count().filterWhere(SEARCH_LOG.HITS.gt(0)).gt(0)),
        limit);
  }

  /** Search texts of the period whose figures meet {@code having}, most frequent first. */
  private static List<Figure> figures(
      DSLContext db, long workspaceId, OffsetDateTime since, Condition having, int limit) {
    return db.select(SEARCH_LOG.QUERY, SEARCHES, EMPTY, OPENED)
        .from(SEARCH_LOG)
        .where(SEARCH_LOG.WORKSPACE_ID.eq(workspaceId))
        .and(SEARCH_LOG.AT.ge(since))
        .groupBy(SEARCH_LOG.QUERY)
        .having(having)
        .orderBy(SEARCHES.desc(), SEARCH_LOG.QUERY)
        .limit(limit)
        .fetch(Records.mapping(Figure::new));
  }

  /** One week of searches: when it began, how many, how many found nothing. */
  public record Week(OffsetDateTime start, int searches, int empty) {}

  public List<Week> weeks(DSLContext db, long workspaceId, OffsetDateTime since) {
    Field<OffsetDateTime> week =
        DSL.field("date_trunc('week', {0})", OffsetDateTime.class, SEARCH_LOG.AT).as("week");
    return db.select(week, SEARCHES, EMPTY)
        .from(SEARCH_LOG)
        .where(SEARCH_LOG.WORKSPACE_ID.eq(workspaceId))
        .and(SEARCH_LOG.AT.ge(since))
        .groupBy(week)
        .orderBy(week)
        .fetch(Records.mapping(Week::new));
  }
}
