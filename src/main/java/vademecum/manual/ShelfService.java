package vademecum.manual;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.db.WorkspaceLocks;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;

/**
 * Keeping a workspace's manuals tidy: collections and their order, archiving, deleting (restorable
 * by an administrator for {@link #RESTORABLE}), and the purge that follows. Each change is one
 * transaction, audited, and tells the {@link Shelved.Listener}s (the search index follows).
 */
public final class ShelfService {
  /** How long an administrator can bring a deleted manual back; then it is purged. */
  public static final Duration RESTORABLE = Duration.ofDays(30);

  static final int MAX_COLLECTION_NAME = 100;

  private final DSLContext db;
  private final ManualService manuals;
  private final ManualRepository manualRows;
  private final ShelfRepository shelf;
  private final AuditLog audit;
  private final List<Shelved.Listener> listeners;

  public ShelfService(
      DSLContext db,
      ManualService manuals,
      ManualRepository manualRows,
      ShelfRepository shelf,
      AuditLog audit,
      List<Shelved.Listener> listeners) {
    this.db = db;
    this.manuals = manuals;
    this.manualRows = manualRows;
    this.shelf = shelf;
    this.audit = audit;
    this.listeners = List.copyOf(listeners);
  }

  /** The workspace page's list, as {@code role} may see it, narrowed to a tag when one is given. */
  public Shelf shelf(Workspace workspace, Role role, String tag) {
    String wanted = tag == null || tag.isBlank() ? null : tag.strip();
    return Shelf.of(shelf.collections(db, workspace.id()), manuals.list(workspace, role), wanted);
  }

  /** The published manuals of a collection that readers see, in their order. */
  public List<String> publishedIn(Workspace workspace, long collectionId) {
    collection(workspace, collectionId);
    return manuals.list(workspace, Role.RECRUITER).stream()
        .filter(m -> Long.valueOf(collectionId).equals(m.collectionId()))
        .map(ManualSummary::slug)
        .toList();
  }

  public List<ManualCollection> collections(Workspace workspace) {
    return shelf.collections(db, workspace.id());
  }

  public void archive(Workspace workspace, String slug, Actor actor) {
    setArchived(workspace, slug, true, actor);
  }

  public void unarchive(Workspace workspace, String slug, Actor actor) {
    setArchived(workspace, slug, false, actor);
  }

  private void setArchived(Workspace workspace, String slug, boolean archived, Actor actor) {
    Manual found = manuals.require(workspace, slug);
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Manual manual = manualRows.lock(tx, found.id());
          if (manual.isDeleted() || manual.isArchived() == archived) {
            return; // a second click changes nothing
          }
          shelf.setArchived(tx, manual.id(), archived ? OffsetDateTime.now() : null);
          audit.record(
              tx,
              actor.accountId(),
              workspace.id(),
              archived ? "manual.archive" : "manual.unarchive",
              slug,
              "");
          tell(
              tx,
              workspace.id(),
              manual.id(),
              archived ? Shelved.Change.ARCHIVED : Shelved.Change.UNARCHIVED);
        });
  }

  /** Deletes for the workspace's owners: gone from every page, restorable by an administrator. */
  public void delete(Workspace workspace, String slug, Actor actor) {
    Manual found = manuals.require(workspace, slug);
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Manual manual = manualRows.lock(tx, found.id());
          if (manual.isDeleted()) {
            return;
          }
          shelf.markDeleted(tx, manual.id(), actor.accountId());
          audit.record(tx, actor.accountId(), workspace.id(), "manual.delete", slug, "");
          tell(tx, workspace.id(), manual.id(), Shelved.Change.DELETED);
        });
  }

  /** Deleted manuals that can still be restored, newest first (for administrators). */
  public List<DeletedManual> deleted() {
    return shelf.deletedSince(db, OffsetDateTime.now().minus(RESTORABLE), RESTORABLE);
  }

  /** An administrator brings a deleted manual back, as it was, within {@link #RESTORABLE}. */
  public void undelete(long manualId, Actor actor) {
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          long workspaceId =
              shelf
                  .deletedWorkspace(tx, manualId, OffsetDateTime.now().minus(RESTORABLE))
                  .orElseThrow(
                      () ->
                          Refusal.notFound(
                              "There is no deleted manual " + manualId + " to restore."));
          // As a creation does: an import creating a manual of the same path meanwhile would
          // break the unique path under this restore (a 500), each not seeing the other's row.
          manualRows.lockCreations(tx, workspaceId);
          shelf.unmarkDeleted(tx, manualId);
          audit.record(
              tx, actor.accountId(), workspaceId, "manual.undelete", String.valueOf(manualId), "");
          tell(tx, workspaceId, manualId, Shelved.Change.UNDELETED);
        });
  }

  /** Removes for good the manuals deleted longer ago than {@link #RESTORABLE}. */
  public int purge() {
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          List<Long> purged = shelf.purgeDeletedBefore(tx, OffsetDateTime.now().minus(RESTORABLE));
          purged.forEach(id -> tell(tx, 0, id, Shelved.Change.PURGED));
          return purged.size();
        });
  }

  public void createCollection(Workspace workspace, String rawName, Actor actor) {
    String name = collectionName(rawName);
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          WorkspaceLocks.hold(tx, WorkspaceLocks.COLLECTION_NAMES, workspace.id());
          List<ManualCollection> existing = shelf.lockCollections(tx, workspace.id());
          if (shelf.collectionNameTaken(tx, workspace.id(), name, null)) {
            throw Refusal.invalid("name", "There is already a collection named " + name + ".");
          }
          shelf.insertCollection(tx, workspace.id(), name, existing.size());
          audit.record(tx, actor.accountId(), workspace.id(), "collection.create", name, "");
        });
  }

  public void renameCollection(Workspace workspace, long id, String rawName, Actor actor) {
    String name = collectionName(rawName);
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          WorkspaceLocks.hold(tx, WorkspaceLocks.COLLECTION_NAMES, workspace.id());
          if (shelf.collectionNameTaken(tx, workspace.id(), name, id)) {
            throw Refusal.invalid("name", "There is already a collection named " + name + ".");
          }
          if (shelf.renameCollection(tx, workspace.id(), id, name) == 0) {
            throw noCollection(id);
          }
          audit.record(
              tx, actor.accountId(), workspace.id(), "collection.rename", String.valueOf(id), name);
        });
  }

  /** Removes a collection; its manuals stay, listed with those in no collection. */
  public void deleteCollection(Workspace workspace, long id, Actor actor) {
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          if (shelf.deleteCollection(tx, workspace.id(), id) == 0) {
            throw noCollection(id);
          }
          audit.record(
              tx, actor.accountId(), workspace.id(), "collection.delete", String.valueOf(id), "");
        });
  }

  public ManualCollection collection(Workspace workspace, long id) {
    return collections(workspace).stream()
        .filter(c -> c.id() == id)
        .findFirst()
        .orElseThrow(() -> noCollection(id));
  }

  /** Moves a collection one place up ({@code up}) or down the workspace page. */
  public void moveCollection(Workspace workspace, long id, boolean up) {
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          List<Long> order = new ArrayList<>();
          shelf.lockCollections(tx, workspace.id()).forEach(c -> order.add(c.id()));
          if (!order.contains(id)) {
            throw noCollection(id);
          }
          swap(order, id, up, Set.of());
          for (int i = 0; i < order.size(); i++) {
            shelf.positionCollection(tx, order.get(i), i);
          }
        });
  }

  /** Puts a manual in a collection (null: in none), at the end of it. */
  public void place(Workspace workspace, String slug, Long collectionId, Actor actor) {
    Manual manual = manuals.require(workspace, slug);
    if (collectionId != null) {
      collection(workspace, collectionId);
    }
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          // Deleted by someone else since the check above: a 404, not a foreign-key 500.
          if (collectionId == null) {
            WorkspaceLocks.hold(tx, WorkspaceLocks.UNSORTED_PLACEMENT, workspace.id());
          } else if (!shelf.lockCollection(tx, workspace.id(), collectionId)) {
            throw noCollection(collectionId);
          }
          List<Long> group = shelf.lockGroup(tx, workspace.id(), collectionId);
          if (group.contains(manual.id())) {
            return;
          }
          shelf.place(tx, manual.id(), collectionId, group.size());
          audit.record(
              tx,
              actor.accountId(),
              workspace.id(),
              "manual.collection",
              slug,
              collectionId == null ? "" : String.valueOf(collectionId));
        });
  }

  /** Moves a manual one place up or down within its collection. */
  public void move(Workspace workspace, String slug, boolean up) {
    Manual manual = manuals.require(workspace, slug);
    db.transaction(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Long collectionId = shelf.collectionOf(tx, manual.id());
          List<Long> group = new ArrayList<>(shelf.lockGroup(tx, workspace.id(), collectionId));
          // An archived manual is listed apart, not among the others: swapped with one, the
          // arrow seemed to do nothing.
          swap(group, manual.id(), up, shelf.archivedAmong(tx, group));
          for (int i = 0; i < group.size(); i++) {
            shelf.place(tx, group.get(i), collectionId, i);
          }
        });
  }

  /** Swaps the manual with its nearest neighbour that is shown (not archived) that way. */
  private static void swap(List<Long> order, long id, boolean up, Set<Long> hidden) {
    int at = order.indexOf(id);
    int step = up ? -1 : 1;
    int other = at + step;
    while (other >= 0 && other < order.size() && hidden.contains(order.get(other))) {
      other += step;
    }
    if (at >= 0 && other >= 0 && other < order.size()) {
      order.set(at, order.get(other));
      order.set(other, id);
    }
  }

  private static String collectionName(String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()) {
      throw Refusal.invalid("name", "The collection needs a name.");
    }
    if (name.length() > MAX_COLLECTION_NAME) {
      throw Refusal.invalid(
          "name", "A collection name has at most " + MAX_COLLECTION_NAME + " characters.");
    }
    return name;
  }

  private static Refusal noCollection(long id) {
    return Refusal.notFound("There is no collection " + id + " here.");
  }

  private void tell(DSLContext tx, long workspaceId, long manualId, Shelved.Change change) {
    Shelved event = new Shelved(workspaceId, manualId, change);
    listeners.forEach(listener -> listener.shelved(tx, event));
  }
}
