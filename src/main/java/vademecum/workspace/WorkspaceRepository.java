package vademecum.workspace;

import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.kernel.Workspace;

/** SQL for workspaces. Every method runs on the {@code DSLContext} it is given. */
public final class WorkspaceRepository {
  public Optional<Workspace> bySlug(DSLContext db, String slug) {
    return db.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME)
        .from(WORKSPACE)
        .where(WORKSPACE.SLUG.eq(slug))
        .fetchOptional(Records.mapping(Workspace::new));
  }

  public List<WorkspaceSummary> all(DSLContext db) {
    var manuals =
        DSL.selectCount()
            .from(MANUAL)
            .where(MANUAL.WORKSPACE_ID.eq(WORKSPACE.ID).and(MANUAL.DELETED_AT.isNull()));
    return db.select(WORKSPACE.SLUG, WORKSPACE.NAME, DSL.field(manuals).as("manuals"))
        .from(WORKSPACE)
        .orderBy(WORKSPACE.NAME)
        .fetch(Records.mapping(WorkspaceSummary::new));
  }

  /** Creates the workspace unless it exists; safe when two importers race for the same slug. */
  public Workspace getOrCreate(DSLContext db, String slug, String name) {
    db.insertInto(WORKSPACE, WORKSPACE.SLUG, WORKSPACE.NAME)
        .values(slug, name)
        .onConflict(WORKSPACE.SLUG)
        .doNothing()
        .execute();
    return bySlug(db, slug).orElseThrow();
  }

  /** A new workspace; empty when the address is taken (by a creation at the same moment too). */
  public Optional<Workspace> insert(DSLContext db, String slug, String name) {
    int inserted =
        db.insertInto(WORKSPACE, WORKSPACE.SLUG, WORKSPACE.NAME)
            .values(slug, name)
            .onConflict(WORKSPACE.SLUG)
            .doNothing()
            .execute();
    return inserted == 0 ? Optional.empty() : bySlug(db, slug);
  }

  public boolean isEmpty(DSLContext db) {
    return !db.fetchExists(WORKSPACE);
  }

  public record WorkspaceSummary(String slug, String name, int manuals) {}
}
