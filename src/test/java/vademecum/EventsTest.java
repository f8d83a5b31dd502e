package vademecum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static vademecum.db.schema.Tables.AUDIT_EVENT;
import static vademecum.db.schema.Tables.REMINDER_JOB;
import static vademecum.db.schema.Tables.SEARCH_CHANGE;
import static vademecum.db.schema.Tables.WEBHOOK_DELIVERY;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.manual.EditConflict;
import vademecum.share.ShareService;
import vademecum.testing.TestApp;
import vademecum.webhook.WebhookEvents;

/**
 * Every consequence App wires to a publish, an acknowledgement and a share happens in the same
 * transaction: all of them when the event commits, none when it is refused.
 */
class EventsTest {
  private static TestApp app;
  private static App.Services services;
  private static DSLContext db;
  private static Workspace workspace;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    services = app.app().services();
    db = services.database().dsl();
    workspace = app.workspace("events");
    services.webhooks().add(workspace, "http://127.0.0.1:9/hook", Actor.SYSTEM);
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static int audit(String action) {
    return db.fetchCount(
        AUDIT_EVENT,
        AUDIT_EVENT.ACTION.eq(action).and(AUDIT_EVENT.WORKSPACE_ID.eq(workspace.id())));
  }

  private static long lastTarget(String action) {
    String target =
        db.select(AUDIT_EVENT.TARGET)
            .from(AUDIT_EVENT)
            .where(AUDIT_EVENT.ACTION.eq(action))
            .orderBy(AUDIT_EVENT.ID.desc())
            .limit(1)
            .fetchOne(AUDIT_EVENT.TARGET);
    return Long.parseLong(target.substring("share:".length()));
  }

  private static int webhook(String event) {
    return db.fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.EVENT.eq(event));
  }

  private static int reminders() {
    return db.fetchCount(REMINDER_JOB, REMINDER_JOB.WORKSPACE_ID.eq(workspace.id()));
  }

  private static int changes(long manualId) {
    return db.fetchCount(SEARCH_CHANGE, SEARCH_CHANGE.MANUAL_ID.eq(manualId));
  }

  /** The rows each consequence of a publish leaves, counted together. */
  private record Consequences(int audited, int minor, int changes, int reminders, int sent) {
    static Consequences of(long manualId) {
      return new Consequences(
          audit("manual.publish"),
          audit("manual.publish.minor"),
          EventsTest.changes(manualId),
          EventsTest.reminders(),
          webhook(WebhookEvents.MANUAL_PUBLISHED));
    }
  }

  @Test
  void a_publish_writes_its_audit_row_search_change_reminder_and_webhook_or_none_of_them() {
    String slug =
        services
            .manuals()
            .create(
                workspace,
                new Draft(
                    "Voyages", "fr", List.of(), "", "## Vols\nTôt.\n", null, "", false, false),
                null,
                Actor.SYSTEM)
            .manual()
            .slug();
    long manualId = services.manuals().require(workspace, slug).id();
    // Earlier reminders sent: a publish joins a reminder still waiting rather than adding one.
    db.update(REMINDER_JOB)
        .set(REMINDER_JOB.DONE_AT, OffsetDateTime.now())
        .where(REMINDER_JOB.WORKSPACE_ID.eq(workspace.id()))
        .execute();
    Consequences before = Consequences.of(manualId);
    services.manuals().publish(workspace, slug, 1, false, Actor.SYSTEM);
    assertEquals(
        new Consequences(
            before.audited() + 1,
            before.minor(),
            before.changes() + 1,
            before.reminders() + 1,
            before.sent() + 1),
        Consequences.of(manualId));

    services
        .manuals()
        .save(
            workspace,
            slug,
            new Draft("Voyages", "fr", List.of(), "", "## Vols\nTard.\n", 1, "", false, false),
            Actor.SYSTEM);
    before = Consequences.of(manualId);
    // Revision 1 is no longer the latest: the publish is refused and causes nothing.
    assertThrows(
        EditConflict.class,
        () -> services.manuals().publish(workspace, slug, 1, false, Actor.SYSTEM));
    assertEquals(before, Consequences.of(manualId));

    // A minor publish reminds nobody, and says so in the audit trail.
    services.manuals().publish(workspace, slug, 2, true, Actor.SYSTEM);
    assertEquals(
        new Consequences(
            before.audited(),
            before.minor() + 1,
            before.changes() + 1,
            before.reminders(),
            before.sent() + 1),
        Consequences.of(manualId));
  }

  @Test
  void an_acknowledgement_that_records_something_new_is_audited_and_sent_once() {
    Account reader = app.account(workspace, Role.ASSISTANT);
    long manualId =
        services
            .manuals()
            .create(
                workspace,
                new Draft(
                    "Courrier",
                    "fr",
                    List.of(),
                    "",
                    "## Tri\nChaque matin.\n",
                    null,
                    "",
                    false,
                    true),
                null,
                Actor.SYSTEM)
            .manual()
            .id();
    long version =
        services.acks().standingsInManual(reader.id(), manualId).get("tri").currentVersionId();
    int audited = audit("procedure.acknowledge");
    int sent = webhook(WebhookEvents.PROCEDURE_ACKNOWLEDGED);
    assertEquals(1, services.acks().acknowledge(reader.id(), workspace.id(), List.of(version)));
    assertEquals(audited + 1, audit("procedure.acknowledge"));
    assertEquals(sent + 1, webhook(WebhookEvents.PROCEDURE_ACKNOWLEDGED));
    assertEquals(0, services.acks().acknowledge(reader.id(), workspace.id(), List.of(version)));
    assertEquals(audited + 1, audit("procedure.acknowledge"), "nothing new, no event");
    assertEquals(sent + 1, webhook(WebhookEvents.PROCEDURE_ACKNOWLEDGED));
  }

  @Test
  void making_and_revoking_a_share_link_are_audited() {
    services
        .manuals()
        .create(
            workspace,
            new Draft(
                "Accueil", "fr", List.of(), "", "## Bienvenue\nBonjour.\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    var created =
        services
            .shares()
            .create(
                workspace,
                new ShareService.Request("accueil", "Hugo", 7, List.of(), false),
                Actor.SYSTEM);
    assertEquals(created.link().id(), lastTarget("share.create"));
    int revoked = audit("share.revoke");
    services.shares().revoke(workspace, created.link().id(), Actor.SYSTEM);
    assertEquals(revoked + 1, audit("share.revoke"));
    assertEquals(created.link().id(), lastTarget("share.revoke"));
    services.shares().revoke(workspace, created.link().id(), Actor.SYSTEM);
    assertEquals(revoked + 1, audit("share.revoke"), "revoking twice is one event");
  }
}
