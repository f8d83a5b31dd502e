package vademecum.search;

import static vademecum.db.schema.Tables.SYNONYM_LIST;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL for the workspaces' synonym lists. Every method runs on the context it is given. */
public final class SynonymRepository {
  public Optional<String> text(DSLContext db, long workspaceId) {
    return db.select(SYNONYM_LIST.TEXT)
        .from(SYNONYM_LIST)
        .where(SYNONYM_LIST.WORKSPACE_ID.eq(workspaceId))
        .fetchOptional(SYNONYM_LIST.TEXT);
  }

  /** The list as it is now, its row locked until the transaction ends (a save's check). */
  public Optional<String> textForUpdate(DSLContext db, long workspaceId) {
    return db.select(SYNONYM_LIST.TEXT)
        .from(SYNONYM_LIST)
        .where(SYNONYM_LIST.WORKSPACE_ID.eq(workspaceId))
        .forUpdate()
        .fetchOptional(SYNONYM_LIST.TEXT);
  }

  /** The lists of these workspaces that have one, by slug (one query per search). */
  public Map<String, String> texts(DSLContext db, Collection<String> slugs) {
    Map<String, String> texts = new HashMap<>();
    db.select(WORKSPACE.SLUG, SYNONYM_LIST.TEXT)
        .from(SYNONYM_LIST)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(SYNONYM_LIST.WORKSPACE_ID))
        .where(WORKSPACE.SLUG.in(slugs))
        .forEach(r -> texts.put(r.value1(), r.value2()));
    return texts;
  }

  public void save(DSLContext db, long workspaceId, String text, long accountId) {
    db.insertInto(SYNONYM_LIST)
        .set(SYNONYM_LIST.WORKSPACE_ID, workspaceId)
        .set(SYNONYM_LIST.TEXT, text)
        .set(SYNONYM_LIST.UPDATED_BY, accountId)
        .onConflict(SYNONYM_LIST.WORKSPACE_ID)
        .doUpdate()
        .set(SYNONYM_LIST.TEXT, text)
        .set(SYNONYM_LIST.UPDATED_AT, DSL.currentOffsetDateTime())
        .set(SYNONYM_LIST.UPDATED_BY, accountId)
        .execute();
  }
}
