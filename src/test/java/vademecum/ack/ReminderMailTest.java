package vademecum.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
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

    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(
        1,
        received.length,
        "only Sophie has something left to read, and she gets one mail: "
            + Arrays.toString(received));
    MimeMessage mail = received[0];
    assertEquals(sophie.email(), mail.getAllRecipients()[0].toString());
    assertEquals("rappels@moreau.example", mail.getFrom()[0].toString());
    assertEquals("Vademecum : 1 procédure(s) à lire", mail.getSubject());
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
    assertEquals(1, smtp.getReceivedMessages().length, "a typo fix sends nothing");

    var monday = LocalDate.of(2026, 11, 30);
    assertTrue(app.app().reminders().queueDigest(monday) >= 1);
    assertEquals(0, app.app().reminders().queueDigest(monday.plusDays(2)), "once a week");
    app.app().reminders().runOnce();
    MimeMessage[] afterDigest = smtp.getReceivedMessages();
    assertEquals(
        2, afterDigest.length, "the weekly digest goes to whoever still has something to read");
    assertEquals("Vademecum, la semaine : 1 procédure(s) à lire", afterDigest[1].getSubject());
    assertEquals(sophie.email(), afterDigest[1].getAllRecipients()[0].toString());
  }
}
