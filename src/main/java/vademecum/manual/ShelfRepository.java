package vademecum.manual;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.COLLECTION;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.SHARE_LINK;
import static vademecum.db.schema.Tables.SHARE_LINK_MANUAL;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;

/**
 * SQL for where manuals stand in their workspace: collections, order, archive and deletion. Every
 * method runs on the {@code DSLContext} it is given.
 */
public final class ShelfRepository {

  public List<ManualCollection> collections(DSLContext db, long workspaceId) {
    return collections(db, workspaceId, false);
  }

  /** Locks the workspace's collections, so that two editors reordering take turns. */
  public List<ManualCollection> lockCollections(DSLContext db, long workspaceId) {
    return collections(db, workspaceId, true);
  }

  private static List<ManualCollection> collections(
      DSLContext db, long workspaceId, boolean forUpdate) {
    var select =
        db.select(COLLECTION.ID, COLLECTION.NAME, COLLECTION.POSITION)
            .from(COLLECTION)
            .where(COLLECTION.WORKSPACE_ID.eq(workspaceId))
            .orderBy(COLLECTION.POSITION, COLLECTION.NAME);
    return (forUpdate ? select.forUpdate() : select).fetch(Records.mapping(ManualCollection::new));
  }

  public boolean collectionNameTaken(DSLContext db, long workspaceId, String name, Long except) {
    return db.fetchExists(
        COLLECTION,
        COLLECTION
            .WORKSPACE_ID
            .eq(workspaceId)
            .and(DSL.lower(COLLECTION.NAME).eq(DSL.lower(DSL.val(name))))
            .and(except == null ? DSL.noCondition() : COLLECTION.ID.ne(except)));
  }

  public long insertCollection(DSLContext db, long workspaceId, String name, int position) {
    return db.insertInto(COLLECTION)
        .set(COLLECTION.WORKSPACE_ID, workspaceId)
        .set(COLLECTION.NAME, name)
        .set(COLLECTION.POSITION, position)
        .returning(COLLECTION.ID)
        .fetchSingle(COLLECTION.ID);
  }

  public int renameCollection(DSLContext db, long workspaceId, long id, String name) {
    return db.update(COLLECTION)
        .set(COLLECTION.NAME, name)
        .where(COLLECTION.ID.eq(id).and(COLLECTION.WORKSPACE_ID.eq(workspaceId)))
        .execute();
  }

  public void positionCollection(DSLContext db, long id, int position) {
    db.update(COLLECTION).set(COLLECTION.POSITION, position).where(COLLECTION.ID.eq(id)).execute();
  }

  /** Removes a collection; its manuals stay, outside any collection. */
  public int deleteCollection(DSLContext db, long workspaceId, long id) {
    return db.deleteFrom(COLLECTION)
        .where(COLLECTION.ID.eq(id).and(COLLECTION.WORKSPACE_ID.eq(workspaceId)))
        .execute();
  }

  /**
   * The ids of the manuals in one collection (null: in none) that are not deleted, in their order,
   * locked for a reorder.
   */
  public List<Long> lockGroup(DSLContext db, long workspaceId, Long collectionId) {
    return db.select(MANUAL.ID)
        .from(MANUAL)
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.LATEST_REVISION_ID))
        .where(MANUAL.WORKSPACE_ID.eq(workspaceId))
        .and(
            collectionId == null
                ? MANUAL.COLLECTION_ID.isNull()
                : MANUAL.COLLECTION_ID.eq(collectionId))
        .and(MANUAL.DELETED_AT.isNull())
        .orderBy(MANUAL.POSITION, REVISION.TITLE, MANUAL.SLUG)
        .forUpdate()
        .of(MANUAL)
        .fetch(MANUAL.ID);
  }

  /**
   * Locks the collection's row until the transaction ends, if the workspace has it: placements in
   * it take turns (two at once took one position), and it cannot be deleted under them.
   */
  public boolean lockCollection(DSLContext db, long workspaceId, long collectionId) {
    return db.select(COLLECTION.ID)
        .from(COLLECTION)
        .where(COLLECTION.ID.eq(collectionId))
        .and(COLLECTION.WORKSPACE_ID.eq(workspaceId))
        .forNoKeyUpdate()
        .fetchOptional()
        .isPresent();
  }

  /** Which of these manuals are archived (listed apart, not in their collection's order). */
  public Set<Long> archivedAmong(DSLContext db, Collection<Long> manualIds) {
    return new HashSet<>(
        db.select(MANUAL.ID)
            .from(MANUAL)
            .where(MANUAL.ID.in(manualIds))
            .and(MANUAL.ARCHIVED_AT.isNotNull())
            .fetch(MANUAL.ID));
  }

  public Long collectionOf(DSLContext db, long manualId) {
    return db.select(MANUAL.COLLECTION_ID)
        .from(MANUAL)
        .where(MANUAL.ID.eq(manualId))
        .fetchOne(MANUAL.COLLECTION_ID);
  }

  public void place(DSLContext db, long manualId, Long collectionId, int position) {
    db.update(MANUAL)
        .set(MANUAL.COLLECTION_ID, collectionId)
        .set(MANUAL.POSITION, position)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  public void setArchived(DSLContext db, long manualId, OffsetDateTime at) {
    db.update(MANUAL).set(MANUAL.ARCHIVED_AT, at).where(MANUAL.ID.eq(manualId)).execute();
  }

  /**
   * Marks the manual deleted. Its import path is let go, so that importing the same file again
   * makes a new manual rather than updating one nobody sees; it is kept aside for a restore.
   */
  public void markDeleted(DSLContext db, long manualId, long byAccount) {
    db.update(MANUAL)
        .set(MANUAL.DELETED_AT, DSL.currentOffsetDateTime())
        .set(MANUAL.DELETED_BY, byAccount)
        .set(MANUAL.DELETED_SOURCE_PATH, MANUAL.SOURCE_PATH)
        .setNull(MANUAL.SOURCE_PATH)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  /**
   * Brings the manual back with its import path, unless a manual imported from that file since
   * holds it (that one stays the file's; the restored one then has none).
   */
  public void unmarkDeleted(DSLContext db, long manualId) {
    var other = MANUAL.as("other");
    db.update(MANUAL)
        .setNull(MANUAL.DELETED_AT)
        .setNull(MANUAL.DELETED_BY)
        .set(
            MANUAL.SOURCE_PATH,
            DSL.when(
                    DSL.notExists(
                        DSL.selectOne()
                            .from(other)
                            .where(other.WORKSPACE_ID.eq(MANUAL.WORKSPACE_ID))
                            .and(other.SOURCE_PATH.eq(MANUAL.DELETED_SOURCE_PATH))),
                    MANUAL.DELETED_SOURCE_PATH)
                .otherwise(MANUAL.SOURCE_PATH))
        .setNull(MANUAL.DELETED_SOURCE_PATH)
        .where(MANUAL.ID.eq(manualId))
        .execute();
  }

  /** Deleted manuals deleted after {@code since}, newest first, with their workspace. */
  public List<DeletedManual> deletedSince(DSLContext db, OffsetDateTime since, Duration kept) {
    return db.select(
            MANUAL.ID,
            WORKSPACE.SLUG,
            WORKSPACE.NAME,
            MANUAL.SLUG,
            REVISION.TITLE,
            MANUAL.DELETED_AT,
            DSL.coalesce(ACCOUNT.DISPLAY_NAME, ""))
        .from(MANUAL)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(MANUAL.WORKSPACE_ID))
        .join(REVISION)
        .on(REVISION.ID.eq(MANUAL.LATEST_REVISION_ID))
        .leftJoin(ACCOUNT)
        .on(ACCOUNT.ID.eq(MANUAL.DELETED_BY))
        .where(MANUAL.DELETED_AT.gt(since))
        .orderBy(MANUAL.DELETED_AT.desc())
        .fetch(
            Records.mapping(
                (id, workspaceSlug, workspaceName, slug, title, at, by) ->
                    new DeletedManual(
                        id, workspaceSlug, workspaceName, slug, title, at, by, at.plus(kept))));
  }

  public Optional<Long> deletedWorkspace(DSLContext db, long manualId, OffsetDateTime since) {
    return db.select(MANUAL.WORKSPACE_ID)
        .from(MANUAL)
        .where(MANUAL.ID.eq(manualId).and(MANUAL.DELETED_AT.gt(since)))
        .forUpdate()
        .fetchOptional(MANUAL.WORKSPACE_ID);
  }

  /** Removes, with all they had, the manuals deleted at or before {@code before}. */
  public List<Long> purgeDeletedBefore(DSLContext db, OffsetDateTime before) {
    List<Long> ids =
        db.select(MANUAL.ID)
            .from(MANUAL)
            .where(MANUAL.DELETED_AT.le(before))
            .forUpdate()
            .skipLocked()
            .fetch(MANUAL.ID);
    if (!ids.isEmpty()) {
      // The manual points at its revisions and its procedures at their versions; let go of those
      // pointers first, then the cascade removes revisions, procedures, versions and the rest.
      db.update(MANUAL)
          .setNull(MANUAL.LATEST_REVISION_ID)
          .setNull(MANUAL.PUBLISHED_REVISION_ID)
          .where(MANUAL.ID.in(ids))
          .execute();
      keepLinksToOtherManuals(db, ids);
      db.deleteFrom(MANUAL).where(MANUAL.ID.in(ids)).execute();
    }
    return ids;
  }

  /**
   * A link names its first manual and, when it shares several, lists them all: it is removed with
   * its first manual (a cascade), so a link that shares others too is first moved onto the next of
   * them, keeping it, its openings and its read confirmation for the candidate and the recruiter.
   */
  private static void keepLinksToOtherManuals(DSLContext db, List<Long> purged) {
    var next = SHARE_LINK_MANUAL.as("next");
    Condition remaining = next.SHARE_LINK_ID.eq(SHARE_LINK.ID).and(next.MANUAL_ID.notIn(purged));
    db.update(SHARE_LINK)
        .set(
            SHARE_LINK.MANUAL_ID,
            DSL.select(next.MANUAL_ID)
                .from(next)
                .where(remaining)
                .orderBy(next.POSITION)
                .limit(1)
                .<Long>asField())
        .set(
            SHARE_LINK.PINNED_REVISION_ID,
            DSL.select(next.PINNED_REVISION_ID)
                .from(next)
                .where(remaining)
                .orderBy(next.POSITION)
                .limit(1)
                .<Long>asField())
        .where(SHARE_LINK.MANUAL_ID.in(purged))
        .and(DSL.exists(DSL.selectOne().from(next).where(remaining)))
        .execute();
  }
}
