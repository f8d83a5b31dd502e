package vademecum.share;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.SHARE_LINK;
import static vademecum.db.schema.Tables.SHARE_LINK_MANUAL;
import static vademecum.db.schema.Tables.SHARE_LINK_PROCEDURE;
import static vademecum.db.schema.Tables.SHARE_LOOKUP_FAILURE;
import static vademecum.db.schema.Tables.SHARE_OPENING;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.Table;
import org.jooq.impl.DSL;
import vademecum.db.schema.tables.Revision;

/**
 * SQL for share links, their openings and failed lookups. Every method runs on the {@code
 * DSLContext} it is given.
 */
public final class ShareRepository {

  /** What a token lookup needs: enough to decide 404, 410 or the page, nothing more. */
  public record Found(
      long id,
      long workspaceId,
      long manualId,
      Long pinnedRevisionId,
      OffsetDateTime expiresAt,
      OffsetDateTime revokedAt,
      OffsetDateTime readConfirmedAt) {}

  public long insert(
      DSLContext db,
      long workspaceId,
      long manualId,
      String tokenHash,
      String label,
      Long pinnedRevisionId,
      long createdBy,
      OffsetDateTime expiresAt,
      List<String> procedureKeys) {
    long id =
        db.insertInto(SHARE_LINK)
            .set(SHARE_LINK.WORKSPACE_ID, workspaceId)
            .set(SHARE_LINK.MANUAL_ID, manualId)
            .set(SHARE_LINK.TOKEN_HASH, tokenHash)
            .set(SHARE_LINK.LABEL, label)
            .set(SHARE_LINK.PINNED_REVISION_ID, pinnedRevisionId)
            .set(SHARE_LINK.CREATED_BY, createdBy)
            .set(SHARE_LINK.EXPIRES_AT, expiresAt)
            .returning(SHARE_LINK.ID)
            .fetchOne(SHARE_LINK.ID);
    for (String key : procedureKeys) {
      db.insertInto(SHARE_LINK_PROCEDURE)
          .set(SHARE_LINK_PROCEDURE.SHARE_LINK_ID, id)
          .set(SHARE_LINK_PROCEDURE.PROCEDURE_KEY, key)
          .execute();
    }
    return id;
  }

  /** One manual a link shows, and the revision it is pinned to (null: the published one). */
  public record Shown(long manualId, Long pinnedRevisionId) {}

  /** Records the manuals of a link that shares several, in the order given. */
  public void insertManuals(DSLContext db, long linkId, List<Shown> manuals) {
    for (int i = 0; i < manuals.size(); i++) {
      db.insertInto(SHARE_LINK_MANUAL)
          .set(SHARE_LINK_MANUAL.SHARE_LINK_ID, linkId)
          .set(SHARE_LINK_MANUAL.MANUAL_ID, manuals.get(i).manualId())
          .set(SHARE_LINK_MANUAL.POSITION, i)
          .set(SHARE_LINK_MANUAL.PINNED_REVISION_ID, manuals.get(i).pinnedRevisionId())
          .execute();
    }
  }

  /** The manuals a link shows, in order: its own one unless it shares several. */
  public List<Shown> manuals(DSLContext db, Found link) {
    List<Shown> several =
        db.select(SHARE_LINK_MANUAL.MANUAL_ID, SHARE_LINK_MANUAL.PINNED_REVISION_ID)
            .from(SHARE_LINK_MANUAL)
            .where(SHARE_LINK_MANUAL.SHARE_LINK_ID.eq(link.id()))
            .orderBy(SHARE_LINK_MANUAL.POSITION)
            .fetch(Records.mapping(Shown::new));
    return several.isEmpty()
        ? List.of(new Shown(link.manualId(), link.pinnedRevisionId()))
        : several;
  }

  /** One indexed lookup whatever the outcome, so unknown and revoked tokens cost the same. */
  public Optional<Found> byTokenHash(DSLContext db, String tokenHash) {
    return db.select(
            SHARE_LINK.ID,
            SHARE_LINK.WORKSPACE_ID,
            SHARE_LINK.MANUAL_ID,
            SHARE_LINK.PINNED_REVISION_ID,
            SHARE_LINK.EXPIRES_AT,
            SHARE_LINK.REVOKED_AT,
            SHARE_LINK.READ_CONFIRMED_AT)
        .from(SHARE_LINK)
        .where(SHARE_LINK.TOKEN_HASH.eq(tokenHash))
        .fetchOptional(Records.mapping(Found::new));
  }

  /** The procedures a link is limited to; empty for the whole manual. */
  public List<String> procedureKeys(DSLContext db, long linkId) {
    return keys(db, List.of(linkId)).getOrDefault(linkId, List.of());
  }

  public List<ShareLink> inWorkspace(DSLContext db, long workspaceId) {
    return select(db, SHARE_LINK.WORKSPACE_ID.eq(workspaceId));
  }

  public Optional<ShareLink> byId(DSLContext db, long workspaceId, long id) {
    return select(db, SHARE_LINK.WORKSPACE_ID.eq(workspaceId).and(SHARE_LINK.ID.eq(id))).stream()
        .findFirst();
  }

  /** Links with their opening counts, first and last opening, newest link first. */
  private static List<ShareLink> select(DSLContext db, Condition condition) {
    Field<Integer> opened = count().as("opened");
    Field<OffsetDateTime> first = min(SHARE_OPENING.AT).as("first_opened");
    Field<OffsetDateTime> last = max(SHARE_OPENING.AT).as("last_opened");
    Table<?> stats =
        db.select(SHARE_OPENING.SHARE_LINK_ID, opened, first, last)
            .from(SHARE_OPENING)
            .where(
                SHARE_OPENING.SHARE_LINK_ID.in(
                    db.select(SHARE_LINK.ID).from(SHARE_LINK).where(condition)))
            .groupBy(SHARE_OPENING.SHARE_LINK_ID)
            .asTable("stats");
    Revision shown = REVISION.as("shown");
    Revision pinned = REVISION.as("pinned");
    List<Record> rows =
        db.select(
                SHARE_LINK.ID,
                SHARE_LINK.MANUAL_ID,
                MANUAL.SLUG,
                shown.TITLE,
                SHARE_LINK.LABEL,
                pinned.NUMBER,
                ACCOUNT.DISPLAY_NAME,
                SHARE_LINK.CREATED_AT,
                SHARE_LINK.EXPIRES_AT,
                SHARE_LINK.REVOKED_AT,
                SHARE_LINK.READ_CONFIRMED_AT,
                stats.field(opened),
                stats.field(first),
                stats.field(last))
            .from(SHARE_LINK)
            .join(MANUAL)
            .on(MANUAL.ID.eq(SHARE_LINK.MANUAL_ID))
            .join(shown)
            .on(shown.ID.eq(MANUAL.PUBLISHED_REVISION_ID.coalesce(MANUAL.LATEST_REVISION_ID)))
            .leftJoin(pinned)
            .on(pinned.ID.eq(SHARE_LINK.PINNED_REVISION_ID))
            .join(ACCOUNT)
            .on(ACCOUNT.ID.eq(SHARE_LINK.CREATED_BY))
            .leftJoin(stats)
            .on(stats.field(SHARE_OPENING.SHARE_LINK_ID).eq(SHARE_LINK.ID))
            .where(condition)
            .orderBy(SHARE_LINK.CREATED_AT.desc(), SHARE_LINK.ID.desc())
            .fetch()
            .map(r -> (Record) r);
    List<Long> ids = rows.stream().map(r -> r.get(SHARE_LINK.ID)).toList();
    Map<Long, List<String>> keys = keys(db, ids);
    Map<Long, List<String>> titles = titles(db, ids);
    List<ShareLink> links = new ArrayList<>();
    for (Record r : rows) {
      Integer count = r.get(stats.field(opened));
      links.add(
          new ShareLink(
              r.get(SHARE_LINK.ID),
              r.get(SHARE_LINK.MANUAL_ID),
              r.get(MANUAL.SLUG),
              r.get(shown.TITLE),
              titles.getOrDefault(r.get(SHARE_LINK.ID), List.of(r.get(shown.TITLE))),
              r.get(SHARE_LINK.LABEL),
              r.get(pinned.NUMBER),
              keys.getOrDefault(r.get(SHARE_LINK.ID), List.of()),
              r.get(ACCOUNT.DISPLAY_NAME),
              r.get(SHARE_LINK.CREATED_AT),
              r.get(SHARE_LINK.EXPIRES_AT),
              r.get(SHARE_LINK.REVOKED_AT),
              r.get(SHARE_LINK.READ_CONFIRMED_AT),
              count == null ? 0 : count,
              r.get(stats.field(first)),
              r.get(stats.field(last))));
    }
    return links;
  }

  /** The titles of the manuals of the links that share several, in order. */
  private static Map<Long, List<String>> titles(DSLContext db, List<Long> linkIds) {
    Map<Long, List<String>> titles = new HashMap<>();
    if (linkIds.isEmpty()) {
      return titles;
    }
    Revision shown = REVISION.as("shown");
    db.select(SHARE_LINK_MANUAL.SHARE_LINK_ID, shown.TITLE)
        .from(SHARE_LINK_MANUAL)
        .join(MANUAL)
        .on(MANUAL.ID.eq(SHARE_LINK_MANUAL.MANUAL_ID))
        .join(shown)
        .on(shown.ID.eq(MANUAL.PUBLISHED_REVISION_ID.coalesce(MANUAL.LATEST_REVISION_ID)))
        .where(SHARE_LINK_MANUAL.SHARE_LINK_ID.in(linkIds))
        .orderBy(SHARE_LINK_MANUAL.SHARE_LINK_ID, SHARE_LINK_MANUAL.POSITION)
        .forEach(
            r ->
                titles
                    .computeIfAbsent(r.get(SHARE_LINK_MANUAL.SHARE_LINK_ID), k -> new ArrayList<>())
                    .add(r.get(shown.TITLE)));
    return titles;
  }

  private static Map<Long, List<String>> keys(DSLContext db, List<Long> linkIds) {
    Map<Long, List<String>> keys = new HashMap<>();
    if (linkIds.isEmpty()) {
      return keys;
    }
    db.select(SHARE_LINK_PROCEDURE.SHARE_LINK_ID, SHARE_LINK_PROCEDURE.PROCEDURE_KEY)
        .from(SHARE_LINK_PROCEDURE)
        .where(SHARE_LINK_PROCEDURE.SHARE_LINK_ID.in(linkIds))
        .orderBy(SHARE_LINK_PROCEDURE.PROCEDURE_KEY)
        .forEach(
            r ->
                keys.computeIfAbsent(
                        r.get(SHARE_LINK_PROCEDURE.SHARE_LINK_ID), k -> new ArrayList<>())
                    .add(r.get(SHARE_LINK_PROCEDURE.PROCEDURE_KEY)));
    return keys;
  }

  /** Revokes a live link; 0 when it is not in the workspace or already revoked. */
  public int revoke(DSLContext db, long workspaceId, long id, long by) {
    return revokeLive(db, workspaceId, SHARE_LINK.ID.eq(id), by);
  }

  /** Revokes every live link that {@code creator} made in the workspace; how many. */
  public int revokeCreatedBy(DSLContext db, long workspaceId, long creator, long by) {
    return revokeLive(db, workspaceId, SHARE_LINK.CREATED_BY.eq(creator), by);
  }

  private static int revokeLive(DSLContext db, long workspaceId, Condition which, long by) {
    return db.update(SHARE_LINK)
        .set(SHARE_LINK.REVOKED_AT, OffsetDateTime.now())
        .set(SHARE_LINK.REVOKED_BY, by)
        .where(
            which.and(SHARE_LINK.WORKSPACE_ID.eq(workspaceId)).and(SHARE_LINK.REVOKED_AT.isNull()))
        .execute();
  }

  /** The first confirmation counts; 0 when the candidate had already confirmed. */
  public int confirmRead(DSLContext db, long id) {
    return db.update(SHARE_LINK)
        .set(SHARE_LINK.READ_CONFIRMED_AT, OffsetDateTime.now())
        .where(SHARE_LINK.ID.eq(id).and(SHARE_LINK.READ_CONFIRMED_AT.isNull()))
        .execute();
  }

  public void recordOpening(DSLContext db, long id, String client) {
    db.insertInto(SHARE_OPENING)
        .set(SHARE_OPENING.SHARE_LINK_ID, id)
        .set(SHARE_OPENING.CLIENT, client)
        .execute();
  }

  public List<Opening> openings(DSLContext db, long id, int limit) {
    return db.select(SHARE_OPENING.AT, SHARE_OPENING.CLIENT)
        .from(SHARE_OPENING)
        .where(SHARE_OPENING.SHARE_LINK_ID.eq(id))
        .orderBy(SHARE_OPENING.AT.desc())
        .limit(limit)
        .fetch(Records.mapping(Opening::new));
  }

  public record Opening(OffsetDateTime at, String client) {}

  public int failuresSince(DSLContext db, String client, OffsetDateTime since) {
    return db.fetchCount(
        SHARE_LOOKUP_FAILURE,
        SHARE_LOOKUP_FAILURE.CLIENT.eq(client).and(SHARE_LOOKUP_FAILURE.AT.gt(since)));
  }

  /** Records a failed lookup and forgets those old enough to no longer count. */
  public void recordFailure(DSLContext db, String client, OffsetDateTime forgetBefore) {
    db.insertInto(SHARE_LOOKUP_FAILURE).set(SHARE_LOOKUP_FAILURE.CLIENT, client).execute();
    db.deleteFrom(SHARE_LOOKUP_FAILURE).where(SHARE_LOOKUP_FAILURE.AT.lt(forgetBefore)).execute();
  }

  /**
   * The links that show a manual's procedure by this key, and show whatever is published (a pinned
   * link shows its revision, where the old key still holds), name it by its new key.
   */
  public void rekeyProcedure(DSLContext db, long manualId, String from, String to) {
    db.update(SHARE_LINK_PROCEDURE)
        .set(SHARE_LINK_PROCEDURE.PROCEDURE_KEY, to)
        .where(SHARE_LINK_PROCEDURE.PROCEDURE_KEY.eq(from))
        .and(
            SHARE_LINK_PROCEDURE.SHARE_LINK_ID.in(
                DSL.select(SHARE_LINK.ID)
                    .from(SHARE_LINK)
                    .where(SHARE_LINK.MANUAL_ID.eq(manualId))
                    .and(SHARE_LINK.PINNED_REVISION_ID.isNull())))
        .execute();
  }

  /** The workspace's time zone (its runs' setting), for the dates a candidate reads. */
  public String workspaceZone(DSLContext db, long workspaceId) {
    return db.select(WORKSPACE.TIME_ZONE)
        .from(WORKSPACE)
        .where(WORKSPACE.ID.eq(workspaceId))
        .fetchOne(WORKSPACE.TIME_ZONE);
  }
}
