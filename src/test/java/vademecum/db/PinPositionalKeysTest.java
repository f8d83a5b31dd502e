package vademecum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.SUGGESTION;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import vademecum.ack.AckService;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.AckStatus;
import vademecum.manual.Draft;
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.manual.ProcedureStanding;
import vademecum.markdown.ProcedureSplitter;
import vademecum.testing.TestApp;

/**
 * Migration 31 on data as versions before it stored it: a heading with nothing to slug under its
 * position as key, acknowledged, then a procedure inserted above it.
 */
class PinPositionalKeysTest {

  @Test
  void a_stored_positional_key_keeps_its_history_through_the_upgrade_and_an_insertion_above() {
    try (TestApp app = TestApp.start()) {
      ManualService manuals = app.app().services().manuals();
      AckService acks = app.app().services().acks();
      Database database = app.app().services().database();
      DSLContext db = database.dsl();
      Workspace workspace = app.workspace("pin");
      Account sophie = app.account(workspace, Role.ASSISTANT);
      String text = "## Appels\nRépondre en 24 h.\n\n## ☎️\nNuméros utiles.\n";
      Manual manual =
          manuals
              .create(
                  workspace,
                  new Draft("Téléphone", "fr", List.of(), "", text, null, "", false, true),
                  null,
                  Actor.SYSTEM)
              .manual();
      // What a version before 31 stored: the same text, the heading's key its position.
      db.update(PROCEDURE)
          .set(PROCEDURE.KEY, "procedure-2")
          .where(PROCEDURE.MANUAL_ID.eq(manual.id()))
          .and(PROCEDURE.KEY.eq(ProcedureSplitter.keyFor("☎️")))
          .execute();
      long revisionId =
          db.select(REVISION.ID)
              .from(REVISION)
              .where(REVISION.MANUAL_ID.eq(manual.id()))
              .fetchOne(REVISION.ID);
      long suggestionId =
          db.insertInto(SUGGESTION)
              .set(SUGGESTION.WORKSPACE_ID, workspace.id())
              .set(SUGGESTION.MANUAL_ID, manual.id())
              .set(SUGGESTION.PROCEDURE_KEY, "procedure-2")
              .set(SUGGESTION.BASE_REVISION_ID, revisionId)
              .set(SUGGESTION.MARKDOWN, text.replace("utiles", "utiles et urgences"))
              .returning(SUGGESTION.ID)
              .fetchOne(SUGGESTION.ID);
      ProcedureStanding before =
          acks.standingsInManual(sophie.id(), manual.id()).get("procedure-2");
      acks.acknowledge(sophie.id(), workspace.id(), List.of(before.currentVersionId()));

      // Back to a database of version 30: the migrations after it run again, in order. (A new
      // migration is undone here too, or Flyway refuses to run 31 after it.)
      db.execute("alter table manual drop column deleted_source_path");
      db.execute("drop table reminder_sent");
      db.execute("alter table reminder_job drop column next_attempt_at");
      db.deleteFrom(DSL.table("flyway_schema_history"))
          .where(DSL.field("version").in("31", "32", "33"))
          .execute();
      Database.migrate(database.dataSource());

      String pinned = "## Appels\nRépondre en 24 h.\n\n## ☎️ {#procedure-2}\nNuméros utiles.\n";
      assertEquals(
          pinned,
          db.select(REVISION.MARKDOWN)
              .from(REVISION)
              .where(REVISION.ID.eq(revisionId))
              .fetchOne(REVISION.MARKDOWN));
      assertEquals(
          pinned.replace("utiles", "utiles et urgences"),
          db.select(SUGGESTION.MARKDOWN)
              .from(SUGGESTION)
              .where(SUGGESTION.ID.eq(suggestionId))
              .fetchOne(SUGGESTION.MARKDOWN));

      manuals.save(
          workspace,
          manual.slug(),
          new Draft(
              "Téléphone",
              "fr",
              List.of(),
              "",
              "## Courrier\nLe matin.\n\n" + pinned,
              1,
              "",
              false,
              true),
          Actor.SYSTEM);
      ProcedureStanding after = acks.standingsInManual(sophie.id(), manual.id()).get("procedure-2");
      assertNotNull(after, "the procedure kept its key");
      assertEquals(before.currentVersionId(), after.currentVersionId(), "no new version");
      assertEquals(AckStatus.CURRENT, after.status(), "nobody is asked to reread it");
    }
  }
}
