package vademecum.db;

import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.SUGGESTION;

import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.ProcedureSplitter;
import vademecum.markdown.Section;

/**
 * Migration 31, in Java because it needs the Markdown parser. Until then a {@code ##} heading with
 * no letter or digit to slug ("☎️") took its position as key ({@code procedure-3}), so inserting a
 * procedure above it moved its history and acknowledgements to another procedure. Such keys are now
 * drawn from the title ({@link ProcedureSplitter#keyFor}); for the texts already stored, this
 * writes each positional key into its heading as an explicit id ({@code ## ☎️ {#procedure-3}}), so
 * every procedure keeps the key it was recorded under. The procedure versions cut from those texts
 * get the same heading line and their content hash again, so the next publication does not ask
 * anyone to reread an unchanged procedure.
 */
public final class PinPositionalKeys implements JavaMigration {
  private static final int BATCH = 50;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("31");
  }

  @Override
  public String getDescription() {
    return "pin positional procedure keys";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) {
    DSLContext db = DSL.using(context.getConnection(), SQLDialect.POSTGRES);
    ProcedureSplitter splitter = new MarkdownRenderer().splitter();
    Map<Long, ProcedureSplitter.Pinned> revisions = new HashMap<>();
    try (Cursor<Record2<Long, String>> cursor =
        db.select(REVISION.ID, REVISION.MARKDOWN).from(REVISION).fetchSize(BATCH).fetchLazy()) {
      for (Record2<Long, String> revision : cursor) {
        ProcedureSplitter.Pinned pinned = splitter.pinPositionalKeys(revision.value2());
        if (!pinned.keys().isEmpty()) {
          revisions.put(revision.value1(), pinned);
        }
      }
    }
    if (!revisions.isEmpty()) {
      // Revisions and versions are snapshots the database refuses to change (V2). This is the one
      // change they get: an id that says what their key already was, within this transaction.
      db.execute("alter table revision disable trigger revision_immutable");
      db.execute("alter table procedure_version disable trigger procedure_version_immutable");
      revisions.forEach((id, pinned) -> pinRevision(db, splitter, id, pinned));
      db.execute("alter table revision enable trigger revision_immutable");
      db.execute("alter table procedure_version enable trigger procedure_version_immutable");
    }
    Map<Long, String> suggestions = new HashMap<>();
    try (Cursor<Record2<Long, String>> cursor =
        db.select(SUGGESTION.ID, SUGGESTION.MARKDOWN)
            .from(SUGGESTION)
            .fetchSize(BATCH)
            .fetchLazy()) {
      for (Record2<Long, String> suggestion : cursor) {
        ProcedureSplitter.Pinned pinned = splitter.pinPositionalKeys(suggestion.value2());
        if (!pinned.keys().isEmpty()) {
          suggestions.put(suggestion.value1(), pinned.markdown());
        }
      }
    }
    suggestions.forEach(
        (id, markdown) ->
            db.update(SUGGESTION)
                .set(SUGGESTION.MARKDOWN, markdown)
                .where(SUGGESTION.ID.eq(id))
                .execute());
  }

  private static void pinRevision(
      DSLContext db, ProcedureSplitter splitter, long revisionId, ProcedureSplitter.Pinned pinned) {
    String title =
        db.select(REVISION.TITLE)
            .from(REVISION)
            .where(REVISION.ID.eq(revisionId))
            .fetchOne(REVISION.TITLE);
    db.update(REVISION)
        .set(REVISION.MARKDOWN, pinned.markdown())
        .where(REVISION.ID.eq(revisionId))
        .execute();
    for (Section section : splitter.split(pinned.markdown(), title).sections()) {
      if (!pinned.keys().contains(section.key())) {
        continue;
      }
      db.update(PROCEDURE_VERSION)
          .set(PROCEDURE_VERSION.MARKDOWN, section.markdown())
          .set(PROCEDURE_VERSION.CONTENT_HASH, section.contentHash())
          .where(PROCEDURE_VERSION.REVISION_ID.eq(revisionId))
          .and(
              PROCEDURE_VERSION.PROCEDURE_ID.in(
                  DSL.select(PROCEDURE.ID)
                      .from(PROCEDURE)
                      .join(REVISION)
                      .on(REVISION.MANUAL_ID.eq(PROCEDURE.MANUAL_ID))
                      .where(REVISION.ID.eq(revisionId))
                      .and(PROCEDURE.KEY.eq(section.key()))))
          .execute();
    }
  }
}
