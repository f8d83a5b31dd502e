package vademecum.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.MANUAL_REVIEW;
import static vademecum.db.schema.Tables.OUTDATED_FLAG;
import static vademecum.db.schema.Tables.QUESTION;
import static vademecum.db.schema.Tables.SUGGESTION;
import static vademecum.db.schema.Tables.WORKSPACE;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestSmtp;

/** Owners, review dates, "still accurate", flags, the review page's order and its e-mails. */
class ReviewTest {
  private static final String TEXT =
      "## Rembourser\n\n1. Ouvrir le tableur.\n2. Payer avec la carte bleue.\n\n"
          + "## Classer\n\nRanger les reçus.\n";

  private static GreenMail smtp;
  private static TestApp app;
  private static ManualService manuals;
  private static DSLContext db;

  @BeforeAll
  static void start() {
    smtp = TestSmtp.start();
    app = TestApp.startWithSmtp(TestSmtp.url(smtp, "vademecum@acme.example"));
    manuals = app.app().services().manuals();
    db = app.app().services().database().dsl();
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  private static Manual publish(Workspace workspace, String title, Account by) {
    return manuals
        .create(
            workspace,
            new Draft(title, "fr", List.of(), "", TEXT, null, "", false, true),
            null,
            new Actor(by.id(), by.displayName()))
        .manual();
  }

  private static Browser as(Account account) {
    Browser browser = app.browser();
    browser.login(account.email(), TestApp.PASSWORD);
    return browser.ready();
  }

  private static void reviewedAgo(Manual manual, OffsetDateTime at) {
    db.update(MANUAL).set(MANUAL.REVIEWED_AT, at).where(MANUAL.ID.eq(manual.id())).execute();
  }

  private static int reviews(Manual manual, String kind) {
    return db.fetchCount(
        MANUAL_REVIEW, MANUAL_REVIEW.MANUAL_ID.eq(manual.id()).and(MANUAL_REVIEW.KIND.eq(kind)));
  }

  @Test
  void whoever_publishes_first_owns_the_manual_and_a_major_change_is_a_review() {
    Workspace ws = app.workspace("owning");
    Account editor = app.account(ws, Role.EDITOR);
    Manual manual = publish(ws, "Voyages", editor);
    var steward = app.app().services().reviews().ofManual(manual.id()).orElseThrow();
    assertEquals(editor.id(), steward.ownerId());
    assertEquals(6, steward.months(), "six months by default");
    assertEquals(1, reviews(manual, "major_publish"));
    assertEquals(
        LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(6),
        steward.due(),
        "due six months on, in the workspace's days");

    // A minor fix is not a review.
    var latest = manuals.latest(manual);
    manuals.save(
        ws,
        manual.slug(),
        new Draft(
            latest.title(),
            "fr",
            List.of(),
            "",
            TEXT.replace("reçus", "reçus."),
            latest.number(),
            "",
            true,
            true),
        new Actor(editor.id(), "Editor"));
    assertEquals(1, reviews(manual, "major_publish"));

    // The dashboard and the manual page show the owner and the last review.
    Browser browser = as(editor);
    app.account(ws, Role.ASSISTANT);
    String dashboard = browser.get("/w/owning/acknowledgements").body();
    assertTrue(dashboard.contains(editor.displayName()), dashboard);
    assertTrue(
        browser
            .get("/w/owning/m/" + manual.slug())
            .body()
            .contains("Owner: " + editor.displayName()));
  }

  @Test
  void an_archived_manual_s_review_page_lists_the_flags_still_accurate_would_settle() {
    Workspace ws = app.workspace("archive-flags");
    Account editor = app.account(ws, Role.EDITOR);
    Manual manual = publish(ws, "Classement", editor);
    Browser assistant = app.signedIn(ws, Role.ASSISTANT);
    String base = "/w/archive-flags/m/" + manual.slug();
    assertEquals(
        303,
        assistant
            .post(base + "/p/classer/flag", TestApp.form("note", "Le classeur a changé."))
            .statusCode());
    Browser owner = as(editor);
    assertEquals(303, owner.post(base + "/archive", TestApp.form("confirm", "yes")).statusCode());
    String page = owner.get(base + "/review").body();
    assertTrue(page.contains("Le classeur a changé."), page);
  }

  @Test
  void still_accurate_records_a_review_without_a_revision_and_settles_the_flags() {
    Workspace ws = app.workspace("accurate");
    Account editor = app.account(ws, Role.EDITOR);
    Manual manual = publish(ws, "Courrier", editor);
    Browser assistant = app.signedIn(ws, Role.ASSISTANT);
    Browser recruiter = app.signedIn(ws, Role.RECRUITER);
    Browser owner = as(editor);

    assertEquals(
        200, assistant.get("/w/accurate/m/" + manual.slug() + "/p/classer/flag").statusCode());
    var flagged =
        assistant.post(
            "/w/accurate/m/" + manual.slug() + "/p/classer/flag",
            TestApp.form("note", "On scanne les reçus maintenant."));
    assertEquals(303, flagged.statusCode(), flagged.body());
    assertEquals(
        403,
        recruiter
            .post("/w/accurate/m/" + manual.slug() + "/p/classer/flag", TestApp.form("note", "x"))
            .statusCode());
    assertEquals(403, assistant.get("/w/accurate/review").statusCode());
    String page = owner.get("/w/accurate/review").body();
    assertTrue(page.contains("On scanne les reçus maintenant."), page);

    reviewedAgo(manual, OffsetDateTime.now().minusMonths(7));
    int revisions = manuals.latest(manual).number();
    var reviewed =
        owner.post(
            "/w/accurate/m/" + manual.slug() + "/review", TestApp.form("note", "Relu en entier."));
    assertEquals(303, reviewed.statusCode());
    assertEquals(revisions, manuals.latest(manual).number(), "no new revision");
    assertEquals(1, reviews(manual, "still_accurate"));
    var steward = app.app().services().reviews().ofManual(manual.id()).orElseThrow();
    assertFalse(steward.overdue());
    assertEquals(LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(6), steward.due());
    assertEquals(
        0,
        db.fetchCount(
            OUTDATED_FLAG,
            OUTDATED_FLAG.MANUAL_ID.eq(manual.id()).and(OUTDATED_FLAG.RESOLVED_AT.isNull())));
    assertTrue(
        owner.get("/w/accurate/m/" + manual.slug() + "/review").body().contains("Relu en entier."));
  }

  @Test
  void the_owner_and_interval_are_chosen_among_owners_and_editors_and_none_is_allowed() {
    Workspace ws = app.workspace("interval");
    Account editor = app.account(ws, Role.EDITOR);
    Account other = app.account(ws, Role.EDITOR);
    Account assistant = app.account(ws, Role.ASSISTANT);
    Manual manual = publish(ws, "Agenda", editor);
    Browser browser = as(editor);
    String path = "/w/interval/m/" + manual.slug() + "/stewardship";
    assertEquals(
        400,
        browser
            .post(path, TestApp.form("owner", String.valueOf(assistant.id()), "months", "6"))
            .statusCode());
    assertEquals(
        400,
        browser
            .post(path, TestApp.form("owner", String.valueOf(other.id()), "months", "0"))
            .statusCode());
    assertEquals(
        303,
        browser
            .post(path, TestApp.form("owner", String.valueOf(other.id()), "months", "none"))
            .statusCode());
    var steward = app.app().services().reviews().ofManual(manual.id()).orElseThrow();
    assertEquals(other.id(), steward.ownerId());
    assertEquals(null, steward.months());
    assertEquals(null, steward.due());

    // An interval the list does not offer, set through the API: the API keeps it when a change
    // leaves it out, and the page's list shows it chosen (saving the page keeps it too).
    String token = app.app().services().tokens().create(editor.id(), "api");
    String api = "/api/v1/workspaces/interval/manuals/" + manual.slug() + "/stewardship";
    assertEquals(
        200,
        app.api(token, "POST", api, "{\"owner\":" + other.id() + ",\"months\":36}").statusCode());
    assertEquals(200, app.api(token, "POST", api, "{\"owner\":" + editor.id() + "}").statusCode());
    assertEquals(36, app.app().services().reviews().ofManual(manual.id()).orElseThrow().months());
    String page = browser.get("/w/interval/m/" + manual.slug() + "/review").body();
    assertTrue(page.contains("<option value=\"36\" selected>"), page);
  }

  @Test
  void an_owner_who_is_no_longer_an_editor_owns_nothing_and_the_mail_goes_to_the_owners()
      throws Exception {
    Workspace ws = app.workspace("demoted");
    Account editor = app.account(ws, Role.EDITOR);
    Account owner = app.account(ws, Role.OWNER);
    Manual manual = publish(ws, "Archives", editor);
    var reviews = app.app().services().reviews();
    assertEquals(editor.id(), reviews.ofManual(manual.id()).orElseThrow().ownerId());
    app.app().services().memberships().changeRole(ws, editor.id(), Role.ASSISTANT, owner.id());
    assertEquals(null, reviews.ofManual(manual.id()).orElseThrow().ownerId());
    int before = smtp.getReceivedMessages().length;
    reviewedAgo(manual, OffsetDateTime.now().minusMonths(7));
    assertTrue(reviews.announceDue() >= 1);
    assertTrue(smtp.waitForIncomingEmail(10_000, before + 1));
    List<String> to = new ArrayList<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (mail.getSubject().contains("Archives")) {
        to.add(mail.getAllRecipients()[0].toString());
      }
    }
    assertEquals(List.of(owner.email()), to);
  }

  @Test
  void the_review_page_lists_each_kind_most_urgent_first() throws Exception {
    Workspace ws = app.workspace("order");
    Account editor = app.account(ws, Role.EDITOR);
    Account assistant = app.account(ws, Role.ASSISTANT);
    Actor asAssistant = new Actor(assistant.id(), assistant.displayName());
    var services = app.app().services();
    OffsetDateTime now = OffsetDateTime.now();

    Manual overdue = publish(ws, "Revue en retard", editor);
    reviewedAgo(overdue, now.minusMonths(8)); // due two months ago
    Manual soon = publish(ws, "Revue bientôt", editor);
    reviewedAgo(soon, now.minusMonths(6).plusDays(10)); // due in ten days
    Manual later = publish(ws, "Revue plus tard", editor);
    reviewedAgo(later, now.minusMonths(5)); // due in a month: not listed

    Manual flagged = publish(ws, "Signalé", editor);
    long flag =
        services
            .reviews()
            .flag(ws, Role.ASSISTANT, asAssistant, flagged.slug(), "classer", "vieux");
    db.update(OUTDATED_FLAG)
        .set(OUTDATED_FLAG.CREATED_AT, now.minusDays(3))
        .where(OUTDATED_FLAG.ID.eq(flag))
        .execute();

    Manual asked = publish(ws, "Questionné", editor);
    var question =
        services
            .questions()
            .ask(
                ws,
                Role.ASSISTANT,
                asAssistant,
                asked.slug(),
                "rembourser",
                "",
                "Laquelle ?",
                null);
    db.update(QUESTION)
        .set(QUESTION.UPDATED_AT, now.minusDays(5))
        .where(QUESTION.ID.eq(question.id()))
        .execute();

    Manual suggested = publish(ws, "Proposé", editor);
    var first =
        services
            .suggestions()
            .propose(
                ws,
                Role.ASSISTANT,
                asAssistant,
                suggested.slug(),
                "classer",
                1,
                "## Classer\n\nJeter les reçus.\n",
                "",
                null,
                null);
    services
        .suggestions()
        .decline(ws, Role.EDITOR, new Actor(editor.id(), "Editor"), first.id(), "Non.");
    var again =
        services
            .suggestions()
            .propose(
                ws,
                Role.ASSISTANT,
                asAssistant,
                suggested.slug(),
                "classer",
                1,
                "## Classer\n\nArchiver les reçus.\n",
                "",
                null,
                first.id());
    db.update(SUGGESTION)
        .set(SUGGESTION.CREATED_AT, now.minusDays(1))
        .where(SUGGESTION.ID.eq(again.id()))
        .execute();

    var items = services.reviews().attention(ws, Role.EDITOR);
    List<String> order = new ArrayList<>();
    items.forEach(i -> order.add(i.kind() + " " + i.manualTitle()));
    assertEquals(
        List.of(
            "REVIEW_OVERDUE Revue en retard",
            "QUESTION Questionné",
            "FLAG Signalé",
            "RESUBMITTED Proposé",
            "REVIEW_DUE Revue bientôt"),
        order);

    // The page shows them in that order.
    String page = as(editor).get("/w/order/review").body();
    int previous = -1;
    for (String title :
        List.of("Revue en retard", "Questionné", "Signalé", "Proposé", "Revue bientôt")) {
      int at = page.indexOf(title);
      assertTrue(at > previous, title + " in order in " + page);
      previous = at;
    }
    assertFalse(page.contains("Revue plus tard"));

    // The weekly digest gives the same list to owners and editors.
    int before = smtp.getReceivedMessages().length;
    app.app().reminders().queueDigest(LocalDate.now(ZoneOffset.UTC));
    app.app().reminders().runOnce();
    assertTrue(smtp.waitForIncomingEmail(10_000, before + 1));
    boolean found = false;
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (mail.getAllRecipients()[0].toString().equals(editor.email())
          && mail.getSubject().contains("to review")) {
        String body = mail.getContent().toString();
        assertTrue(body.contains("Review overdue: Revue en retard"), body);
        assertTrue(body.indexOf("Revue en retard") < body.indexOf("Revue bientôt"), body);
        found = true;
      }
    }
    assertTrue(found, "the editor got the digest's review part");
  }

  @Test
  void the_owner_is_told_once_by_email_when_a_review_falls_due() throws Exception {
    Workspace ws = app.workspace("due");
    Account editor = app.account(ws, Role.EDITOR);
    Manual manual = publish(ws, "Rapprochements bancaires", editor);
    var reviews = app.app().services().reviews();
    reviews.announceDue(); // nothing due yet in this workspace
    int before = smtp.getReceivedMessages().length;
    reviewedAgo(manual, OffsetDateTime.now().minusMonths(6).minusDays(1));

    assertTrue(reviews.announceDue() >= 1);
    assertTrue(smtp.waitForIncomingEmail(10_000, before + 1));
    MimeMessage mail = smtp.getReceivedMessages()[before];
    assertEquals(editor.email(), mail.getAllRecipients()[0].toString());
    assertTrue(mail.getSubject().contains("Rapprochements bancaires"));
    assertTrue(
        mail.getContent().toString().contains("/w/due/m/" + manual.slug() + "/review"),
        mail.getContent().toString());

    assertEquals(0, reviews.announceDue(), "told once per due date");
    Thread.sleep(300);
    assertEquals(before + 1, smtp.getReceivedMessages().length);
  }

  @Test
  void a_review_falls_due_on_the_workspaces_day_and_an_old_notice_is_not_sent_again()
      throws Exception {
    Workspace ws = app.workspace("due-zone");
    Account editor = app.account(ws, Role.EDITOR);
    Manual manual = publish(ws, "Notes de frais du Pacifique", editor);
    var reviews = app.app().services().reviews();
    db.update(WORKSPACE)
        .set(WORKSPACE.TIME_ZONE, "Pacific/Kiritimati")
        .where(WORKSPACE.ID.eq(ws.id()))
        .execute();
    // 22:30 UTC on 31 January is midday on 1 February at UTC+14.
    reviewedAgo(manual, OffsetDateTime.parse("2026-01-31T22:30:00Z"));
    assertEquals(LocalDate.parse("2026-08-01"), reviews.ofManual(manual.id()).orElseThrow().due());

    // Due a day ago in New York, told under the old count (midnight UTC of the due date, earlier
    // than midnight in New York): not told again.
    db.update(WORKSPACE)
        .set(WORKSPACE.TIME_ZONE, "America/New_York")
        .where(WORKSPACE.ID.eq(ws.id()))
        .execute();
    reviewedAgo(manual, OffsetDateTime.now().minusMonths(6).minusDays(1));
    LocalDate due = reviews.ofManual(manual.id()).orElseThrow().due();
    db.update(MANUAL)
        .set(MANUAL.REVIEW_DUE_TOLD, due.atStartOfDay().atOffset(ZoneOffset.UTC))
        .where(MANUAL.ID.eq(manual.id()))
        .execute();
    int before = smtp.getReceivedMessages().length;
    reviews.announceDue();
    Thread.sleep(300);
    for (int i = before; i < smtp.getReceivedMessages().length; i++) {
      assertFalse(
          smtp.getReceivedMessages()[i].getSubject().contains("du Pacifique"), "told twice");
    }
  }
}
