package vademecum.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.ack.Mailer;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestSmtp;
import vademecum.web.Texts;

/**
 * The person a scheduled run is for hears of it when it is created, days before it is due, and when
 * it is overdue: in their inbox, and over real SMTP (GreenMail), in their language.
 */
class RunMailTest {
  private static GreenMail smtp;
  private static TestApp app;

  @BeforeAll
  static void start() {
    smtp = TestSmtp.start();
    app = TestApp.startWithSmtp(TestSmtp.url(smtp, "deroules@moreau.example"));
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void the_assignee_is_told_ahead_of_the_due_date_and_when_the_run_is_overdue() throws Exception {
    Workspace workspace = app.workspace("mails");
    Account owner = app.account(workspace, Role.OWNER);
    Account sophie = app.account(workspace, Role.ASSISTANT, "fr");
    var services = app.app().services();
    app.publish(
        workspace,
        "Compta",
        "fr",
        "## Rapprochement bancaire {#rapprochement}\n\n1. Exporter.\n2. Pointer.\n");
    var mail =
        new RunMail(
            Optional.of(new Mailer(TestSmtp.url(smtp, "deroules@moreau.example"))::send),
            "http://localhost:7070");
    var dsl = services.database().dsl();
    var schedules =
        new RunSchedules(
            dsl,
            new ScheduleRepository(),
            new RunRepository(),
            services.manuals(),
            services.markdown(),
            new AuditLog(),
            at("2027-01-20T09:00:00Z"),
            List.of(),
            mail);
    schedules.schedule(
        workspace,
        Role.OWNER,
        new Actor(owner.id(), "Owner"),
        "compta",
        "rapprochement",
        "monthly",
        "last",
        String.valueOf(sophie.id()),
        "2");
    assertEquals(0, smtp.getReceivedMessages().length, "nothing before the 27th");

    new RunSchedules(
            dsl,
            new ScheduleRepository(),
            new RunRepository(),
            services.manuals(),
            services.markdown(),
            new AuditLog(),
            at("2027-01-27T07:00:00Z"),
            List.of(),
            mail)
        .createDue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(1, received.length);
    assertEquals(sophie.email(), received[0].getAllRecipients()[0].toString());
    assertEquals(
        "À faire pour le "
            + Texts.of("fr").date(LocalDate.parse("2027-01-29"))
            + " : Rapprochement bancaire — janvier 2027",
        received[0].getSubject());
    assertTrue(GreenMailUtil.getBody(received[0]).contains("http://localhost:7070/w/mails/runs/"));

    // Her inbox lists it too.
    Browser browser = app.browser();
    browser.login(sophie.email(), TestApp.PASSWORD);
    String inbox = browser.get("/inbox").body();
    assertTrue(inbox.contains("Rapprochement bancaire — janvier 2027"), inbox);

    var overdue =
        new RunService(
            dsl,
            new RunRepository(),
            services.manuals(),
            services.acks(),
            services.markdown(),
            new AuditLog(),
            at("2027-01-30T09:00:00Z"),
            List.of(),
            mail,
            services.files());
    overdue.announceOverdue();
    overdue.announceOverdue();
    received = smtp.getReceivedMessages();
    assertEquals(2, received.length, "overdue is told once");
    assertEquals("En retard : Rapprochement bancaire — janvier 2027", received[1].getSubject());
  }
}
