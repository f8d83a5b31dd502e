package vademecum.workspace;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.kernel.Workspace;

/** Finding and listing workspaces, for administrators, the command line and the first start. */
public final class Workspaces {
  private final DSLContext db;
  private final WorkspaceRepository workspaces;

  public Workspaces(DSLContext db, WorkspaceRepository workspaces) {
    this.db = db;
    this.workspaces = workspaces;
  }

  public Optional<Workspace> findBySlug(String slug) {
    return workspaces.bySlug(db, slug);
  }

  public List<WorkspaceRepository.WorkspaceSummary> all() {
    return workspaces.all(db);
  }

  public boolean isEmpty() {
    return workspaces.isEmpty(db);
  }

  /** Creates the workspace unless it exists (the command-line import names it by its slug). */
  public Workspace getOrCreate(String slug, String name) {
    return workspaces.getOrCreate(db, slug, name);
  }
}
