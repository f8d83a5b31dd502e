package vademecum.workspace;

import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.kernel.Workspace;

public final class WorkspaceRepository {
  private final DSLContext db;

  public WorkspaceRepository(DSLContext db) {
    this.db = db;
  }

  public Optional<Workspace> findBySlug(String slug) {
    return db.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME)
        .from(WORKSPACE)
        .where(WORKSPACE.SLUG.eq(slug))
        .fetchOptional(Records.mapping(Workspace::new));
  }

  public List<WorkspaceSummary> all() {
    var manuals = DSL.selectCount().from(MANUAL).where(MANUAL.WORKSPACE_ID.eq(WORKSPACE.ID));
    return db.select(WORKSPACE.SLUG, WORKSPACE.NAME, DSL.field(manuals).as("manuals"))
        .from(WORKSPACE)
        .orderBy(WORKSPACE.NAME)
        .fetch(r -> new WorkspaceSummary(r.value1(), r.value2(), r.value3()));
  }

  /** Creates the workspace unless it exists; safe when two importers race for the same slug. */
  public Workspace getOrCreate(DSLContext tx, String slug, String name) {
    tx.insertInto(WORKSPACE, WORKSPACE.SLUG, WORKSPACE.NAME)
        .values(slug, name)
        .onConflict(WORKSPACE.SLUG)
        .doNothing()
        .execute();
    return tx.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME)
        .from(WORKSPACE)
        .where(WORKSPACE.SLUG.eq(slug))
        .fetchSingle(Records.mapping(Workspace::new));
  }

  public boolean isEmpty() {
    return !db.fetchExists(WORKSPACE);
  }

  public record WorkspaceSummary(String slug, String name, int manuals) {}
}
