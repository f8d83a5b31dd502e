package vademecum.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.REMINDER_JOB;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.FullMailboxSmtp;
import vademecum.testing.TestApp;

/** One full mailbox (a 4xx to its address) delays that person's mail, not everyone else's. */
class ReminderFullMailboxTest {
  private static final String FULL = "plein@plein.example";
  private static FullMailboxSmtp smtp;
  private static TestApp app;

  @BeforeAll
  static void setUp() throws Exception {
    smtp = new FullMailboxSmtp(FULL);
    app = TestApp.startWithSmtp(smtp.url("rappels@moreau.example"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    app.close();
    smtp.close();
  }

  @Test
  void a_full_mailbox_is_retried_alone_after_the_others_are_mailed() {
    Workspace workspace = app.workspace("plein");
    Account first = app.account(workspace, Role.ASSISTANT, "fr");
    Account full = app.account(workspace, Role.ASSISTANT, "fr");
    Account last = app.account(workspace, Role.ASSISTANT, "fr");
    var db = app.app().services().database().dsl();
    db.update(ACCOUNT).set(ACCOUNT.EMAIL, FULL).where(ACCOUNT.ID.eq(full.id())).execute();
    app.publish(workspace, "Courrier", "fr", "## Trier {#trier}\nChaque matin.\n");

    app.app().reminders().runOnce();
    assertEquals(
        List.of(first.email(), last.email()).stream().sorted().toList(),
        smtp.delivered().stream().sorted().toList(),
        "everyone but the full mailbox, whatever the order");
    assertEquals(1, app.pendingReminderJobs(workspace), "kept for the full mailbox");

    db.update(REMINDER_JOB)
        .set(REMINDER_JOB.NEXT_ATTEMPT_AT, OffsetDateTime.now().minusSeconds(1))
        .where(REMINDER_JOB.WORKSPACE_ID.eq(workspace.id()))
        .execute();
    app.app().reminders().runOnce();
    assertEquals(2, smtp.delivered().size(), "the retry mails no one twice");
    assertEquals(1, app.pendingReminderJobs(workspace), "still kept for the full mailbox");
  }
}
