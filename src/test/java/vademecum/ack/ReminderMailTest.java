package vademecum.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.REMINDER_JOB;
import static vademecum.db.schema.Tables.REMINDER_SENT;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.TestApp;
import vademecum.testing.TestSmtp;

/** Reminder e-mails after a publish, over real SMTP to an embedded GreenMail server. */
class ReminderMailTest {
  private static GreenMail smtp;
  private static TestApp app;

  @BeforeAll
  static void setUp() throws Exception {
    smtp = TestSmtp.start();
    app = TestApp.startWithSmtp(TestSmtp.url(smtp, "rappels@moreau.example"));
  }

  @AfterAll
  static void tearDown() {
    app.close();
    smtp.stop();
  }

  @Test
  void a_major_publish_mails_each_assistant_with_something_to_read_once() throws Exception {
    Workspace workspace = app.workspace("moreau");
    Account sophie = app.account(workspace, Role.ASSISTANT, "fr");
    Account karim = app.account(workspace, Role.ASSISTANT, "fr");
    app.account(workspace, Role.RECRUITER);
    var services = app.app().services();
    var created =
        services
            .manuals()
            .create(
                workspace,
                new Draft(
                    "Voyages",
                    "fr",
                    List.of(),
                    "",
                    "## Réserver un vol {#vols}\nJamais avant 7 h.\n",
                    null,
                    "",
                    false,
                    true),
                null,
                Actor.SYSTEM);
    var standing = services.acks().standingsInManual(karim.id(), created.manual().id()).get("vols");
    services.acks().acknowledge(karim.id(), workspace.id(), List.of(standing.currentVersionId()));

    List<Callable<Integer>> workers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      workers.add(() -> app.app().reminders().runOnce());
    }
    try (var pool = Executors.newFixedThreadPool(4)) {
      pool.invokeAll(workers);
    }

    MimeMessage[] received = mailsTo(sophie, karim).toArray(MimeMessage[]::new);
    assertEquals(
        1,
        received.length,
        "only Sophie has something left to read, and she gets one mail: "
            + Arrays.toString(received));
    MimeMessage mail = received[0];
    assertEquals(sophie.email(), mail.getAllRecipients()[0].toString());
    assertEquals("rappels@moreau.example", mail.getFrom()[0].toString());
    assertEquals("Vademecum : 1 procédure à lire", mail.getSubject());
    String body = GreenMailUtil.getBody(mail);
    assertTrue(body.contains("http://localhost:7070/w/moreau/m/voyages#vols"), body);
    assertTrue(body.contains("/inbox"), body);

    services
        .manuals()
        .save(
            workspace,
            created.manual().slug(),
            new Draft(
                "Voyages",
                "fr",
                List.of(),
                "",
                "## Réserver un vol {#vols}\nJamais avant 7 h !\n",
                1,
                "typo",
                true,
                true),
            Actor.SYSTEM);
    app.app().reminders().runOnce();
    assertEquals(1, mailsTo(sophie, karim).size(), "a typo fix sends nothing");

    var monday = LocalDate.of(2026, 11, 30);
    assertTrue(app.app().reminders().queueDigest(monday) >= 1);
    assertEquals(0, app.app().reminders().queueDigest(monday.plusDays(2)), "once a week");
    app.app().reminders().runOnce();
    MimeMessage[] afterDigest = mailsTo(sophie, karim).toArray(MimeMessage[]::new);
    assertEquals(
        2, afterDigest.length, "the weekly digest goes to whoever still has something to read");
    assertEquals(
        "Vademecum, récapitulatif de la semaine : 1 procédure à lire", afterDigest[1].getSubject());
    assertEquals(sophie.email(), afterDigest[1].getAllRecipients()[0].toString());
  }

  @Test
  void an_address_refused_for_good_neither_stops_the_others_nor_repeats_their_mail()
      throws Exception {
    Workspace workspace = app.workspace("refus");
    Account before = app.account(workspace, Role.ASSISTANT, "fr");
    Account broken = app.account(workspace, Role.ASSISTANT, "fr");
    Account after = app.account(workspace, Role.ASSISTANT, "fr");
    // Accepted by the sign-up form's check, refused by the mail library's parser.
    app.app()
        .services()
        .database()
        .dsl()
        .update(ACCOUNT)
        .set(ACCOUNT.EMAIL, "a..b@refus.example")
        .where(ACCOUNT.ID.eq(broken.id()))
        .execute();
    app.publish(workspace, "Courrier", "fr", "## Trier {#trier}\nChaque matin.\n");

    app.app().reminders().runOnce();
    app.app().reminders().runOnce();
    assertEquals(1, mailsTo(before).size(), "no copies for those before the refused address");
    assertEquals(1, mailsTo(after).size(), "those after it get theirs");
    assertEquals(0, app.pendingReminderJobs(workspace), "the job is done");
  }

  @Test
  void a_mail_server_down_is_retried_later_for_those_it_did_not_reach() throws Exception {
    Workspace workspace = app.workspace("panne");
    Account lea = app.account(workspace, Role.ASSISTANT, "en");
    app.publish(workspace, "Agenda", "en", "## Book a room {#room}\nTwo days ahead.\n");
    // A second publish before the mail goes joins the job waiting: one mail lists both.
    app.publish(workspace, "Travel", "en", "## Book a train {#train}\nA week ahead.\n");
    smtp.stop();
    try {
      assertEquals(0, app.app().reminders().runOnce());
      assertEquals(0, app.app().reminders().runOnce(), "the retry waits");
      assertEquals(1, app.pendingReminderJobs(workspace), "not given up");
      // A publish during the outage joins the job that reached no one: one mail when it is over.
      app.publish(workspace, "Notes", "en", "## File a receipt {#receipt}\nThe same day.\n");
      assertEquals(1, app.pendingReminderJobs(workspace), "joined");
    } finally {
      smtp.start();
    }
    // The wait is over.
    app.app()
        .services()
        .database()
        .dsl()
        .update(REMINDER_JOB)
        .set(REMINDER_JOB.NEXT_ATTEMPT_AT, OffsetDateTime.now().minusSeconds(1))
        .where(REMINDER_JOB.WORKSPACE_ID.eq(workspace.id()))
        .execute();
    app.app().reminders().runOnce();
    List<MimeMessage> mails = mailsTo(lea);
    assertEquals(1, mails.size());
    assertEquals("Vademecum: 3 procedures to read", mails.getFirst().getSubject());
    assertEquals(0, app.pendingReminderJobs(workspace));
  }

  @Test
  void a_publish_does_not_join_a_job_that_has_already_reached_some_people() throws Exception {
    Workspace workspace = app.workspace("rejoint");
    Account alice = app.account(workspace, Role.ASSISTANT, "en");
    app.account(workspace, Role.ASSISTANT, "en");
    app.publish(workspace, "Agenda", "en", "## Book a room {#room}\nTwo days ahead.\n");
    var db = app.app().services().database().dsl();
    long job =
        db.select(REMINDER_JOB.ID)
            .from(REMINDER_JOB)
            .where(REMINDER_JOB.WORKSPACE_ID.eq(workspace.id()))
            .fetchSingle()
            .value1();
    // Its first attempt reached Alice, then the server refused Bob for now: it waits an hour.
    db.insertInto(REMINDER_SENT)
        .set(REMINDER_SENT.JOB_ID, job)
        .set(REMINDER_SENT.ACCOUNT_ID, alice.id())
        .execute();
    db.update(REMINDER_JOB)
        .set(REMINDER_JOB.ATTEMPTS, 1)
        .set(REMINDER_JOB.NEXT_ATTEMPT_AT, OffsetDateTime.now().plusHours(1))
        .where(REMINDER_JOB.ID.eq(job))
        .execute();
    app.publish(workspace, "Travel", "en", "## Book a train {#train}\nA week ahead.\n");
    assertEquals(2, app.pendingReminderJobs(workspace), "the new publish has a job of its own");
    app.app().reminders().runOnce();
    List<MimeMessage> mails = mailsTo(alice);
    assertEquals(1, mails.size(), "Alice hears of the second publish");
    assertEquals("Vademecum: 2 procedures to read", mails.getFirst().getSubject());
  }

  private static List<MimeMessage> mailsTo(Account... people) throws Exception {
    List<String> addresses = Arrays.stream(people).map(Account::email).toList();
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (addresses.contains(mail.getAllRecipients()[0].toString())) {
        mails.add(mail);
      }
    }
    return mails;
  }
}
