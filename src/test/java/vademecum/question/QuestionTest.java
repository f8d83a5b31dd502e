package vademecum.question;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.MEMBERSHIP;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestImages;
import vademecum.testing.TestSmtp;

/** Questions on a procedure, over real HTTP, with answers mailed through a real SMTP server. */
class QuestionTest {
  private static GreenMail smtp;
  private static TestApp app;
  private static Workspace acme;
  private static int manuals;

  @BeforeAll
  static void start() {
    smtp = TestSmtp.start();
    app = TestApp.startWithSmtp(TestSmtp.url(smtp, "vademecum@acme.example"));
    acme = app.workspace("acme");
  }

  @AfterAll
  static void stop() {
    app.close();
    smtp.stop();
  }

  /** A published manual with two procedures; its slug. */
  private static String manual() {
    String title = "Notes de frais " + (++manuals);
    return app.app()
        .services()
        .manuals()
        .create(
            acme,
            new Draft(
                title,
                "fr",
                List.of(),
                "",
                "## Rembourser\n\n1. Ouvrir le tableur.\n2. Payer avec la carte bleue.\n\n"
                    + "## Classer\n\nRanger les reçus.\n",
                null,
                "",
                false,
                true),
            null,
            Actor.SYSTEM)
        .manual()
        .slug();
  }

  private static String ask(Browser browser, String slug, String key, String quote, String body) {
    var asked =
        browser.post(
            "/w/acme/m/" + slug + "/p/" + key + "/questions",
            TestApp.form("quote", quote, "body", body));
    assertEquals(303, asked.statusCode(), asked.body());
    String location = asked.headers().firstValue("Location").orElseThrow();
    return location.substring(0, location.indexOf('?'));
  }

  @Test
  void a_question_is_seen_by_its_asker_and_the_editors_only() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    Browser other = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    Browser recruiter = app.signedIn(acme, Role.RECRUITER);
    Browser outsider = app.signedIn(app.workspace("elsewhere"), Role.OWNER);

    // The form offers the procedure's steps to quote.
    var form = asker.get("/w/acme/m/" + slug + "/p/rembourser/ask");
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("Payer avec la carte bleue."), form.body());

    String url =
        ask(asker, slug, "rembourser", "Payer avec la carte bleue.", "Quelle carte exactement ?");
    var thread = asker.get(url);
    assertEquals(200, thread.statusCode());
    assertTrue(thread.body().contains("Quelle carte exactement ?"));
    assertTrue(thread.body().contains("Payer avec la carte bleue."));

    assertEquals(200, editor.get(url).statusCode());
    assertEquals(404, other.get(url).statusCode());
    assertEquals(403, recruiter.get(url).statusCode());
    assertEquals(404, outsider.get(url).statusCode());
    assertEquals(403, recruiter.get("/w/acme/m/" + slug + "/p/rembourser/ask").statusCode());

    assertTrue(editor.get("/w/acme/questions").body().contains(url));
    assertTrue(asker.get("/w/acme/questions").body().contains(url));
    assertTrue(asker.get("/questions").body().contains(url));
    assertFalse(other.get("/w/acme/questions").body().contains(url));

    // Another assistant cannot answer, close or publish it.
    assertEquals(
        404, other.post(url + "/messages", TestApp.form("body", "La verte.")).statusCode());
    assertEquals(404, other.post(url + "/status", TestApp.form("status", "closed")).statusCode());
    assertEquals(403, asker.post(url + "/public", TestApp.form("public", "yes")).statusCode());

    // The editor's manual page counts it; the other assistant's does not.
    assertTrue(
        editor.get("/w/acme/m/" + slug).body().contains("1 open question"),
        "editor sees the count");
    assertFalse(other.get("/w/acme/m/" + slug).body().contains("open question"));
    assertTrue(asker.get("/w/acme/m/" + slug).body().contains("1 open question"));
  }

  @Test
  void an_answer_to_someone_who_left_the_workspace_is_not_counted_for_ever() {
    String slug = manual();
    Account assistant = app.account(acme, Role.ASSISTANT);
    Browser asker = app.browser();
    asker.login(assistant.email(), TestApp.PASSWORD);
    asker.ready();
    String url = ask(asker, slug, "classer", "", "Où ranger les tickets de métro ?");
    app.signedIn(acme, Role.EDITOR)
        .post(url + "/messages", TestApp.form("body", "Dans l'enveloppe du mois."));
    var questions = app.app().services().questions();
    assertEquals(1, questions.unseenAnswers(assistant.id()));
    app.app().services().memberships().remove(acme, assistant.id(), Actor.SYSTEM.accountId());
    // Its list leaves the question out and its thread answers 404: nothing could clear the count.
    assertEquals(0, questions.unseenAnswers(assistant.id()));
  }

  @Test
  void an_answer_tells_the_asker_in_the_app_and_by_email() throws Exception {
    String slug = manual();
    Account assistant = app.account(acme, Role.ASSISTANT);
    Browser asker = app.browser();
    asker.login(assistant.email(), TestApp.PASSWORD);
    asker.ready();
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = ask(asker, slug, "classer", "", "Où ranger les reçus de taxi ?");

    int before = smtp.getReceivedMessages().length;
    var answered =
        editor.post(url + "/messages", TestApp.form("body", "Dans le classeur **bleu**."));
    assertEquals(303, answered.statusCode(), answered.body());
    assertTrue(smtp.waitForIncomingEmail(10_000, before + 1));
    MimeMessage mail = smtp.getReceivedMessages()[before];
    assertEquals(assistant.email(), mail.getAllRecipients()[0].toString());
    String text = (String) mail.getContent();
    Matcher link = Pattern.compile("(/w/acme/questions/\\d+)").matcher(text);
    assertTrue(link.find(), text);
    assertEquals(url, link.group(1));

    // In the app: the inbox says so until the thread is read.
    assertTrue(asker.get("/inbox").body().contains("1 of your questions has a new answer."));
    assertTrue(asker.get("/questions").body().contains("new answer"));
    String thread = asker.get(url).body();
    assertTrue(thread.contains("<strong>bleu</strong>"), thread);
    assertTrue(thread.contains("answered"));
    assertFalse(asker.get("/inbox").body().contains("new answer"));

    // A follow-up opens it again; closing ends it.
    asker.post(url + "/messages", TestApp.form("body", "Et ceux des trains ?"));
    assertTrue(editor.get("/w/acme/questions?status=open").body().contains(url));
    assertEquals(303, asker.post(url + "/status", TestApp.form("status", "closed")).statusCode());
    assertTrue(editor.get("/w/acme/questions?status=closed").body().contains(url));
    assertFalse(
        asker.get(url).body().contains("name=\"body\""), "a closed thread takes no message");
  }

  @Test
  void an_answer_is_not_mailed_to_an_asker_who_has_left_the_workspace() throws Exception {
    String slug = manual();
    Account assistant = app.account(acme, Role.ASSISTANT);
    Browser asker = app.browser();
    asker.login(assistant.email(), TestApp.PASSWORD);
    asker.ready();
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = ask(asker, slug, "classer", "", "Qui paie le parking ?");
    app.app()
        .services()
        .database()
        .dsl()
        .deleteFrom(MEMBERSHIP)
        .where(MEMBERSHIP.ACCOUNT_ID.eq(assistant.id()))
        .execute();

    int before = smtp.getReceivedMessages().length;
    var answered = editor.post(url + "/messages", TestApp.form("body", "Le client."));
    assertEquals(303, answered.statusCode(), answered.body());
    assertFalse(
        smtp.waitForIncomingEmail(1_500, before + 1), "no title or name to a former member");
  }

  @Test
  void an_answer_made_public_is_the_procedures_faq_and_is_found_by_search() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    Browser other = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = ask(asker, slug, "rembourser", "", "Faut-il un justificatif pour le péage ?");

    // Not before it is answered.
    assertEquals(409, editor.post(url + "/public", TestApp.form("public", "yes")).statusCode());
    editor.post(url + "/messages", TestApp.form("body", "Oui, le ticket d'autoroute suffit."));
    assertEquals(303, editor.post(url + "/public", TestApp.form("public", "yes")).statusCode());

    String page = other.get("/w/acme/m/" + slug).body();
    assertTrue(page.contains("Faut-il un justificatif pour le péage ?"), page);
    assertTrue(
        page.contains("le ticket d&#39;autoroute suffit")
            || page.contains("le ticket d'autoroute suffit"));
    assertEquals(200, other.get(url).statusCode(), "a public question is readable by all readers");
    assertFalse(other.get(url).body().contains("name=\"body\""), "but only its people write");

    app.app().indexer().catchUp();
    String found =
        other.get("/search?q=" + URLEncoder.encode("autoroute", StandardCharsets.UTF_8)).body();
    // Hits link through /search/go, with the procedure's address as a parameter.
    String hit = URLEncoder.encode("/w/acme/m/" + slug + "#", StandardCharsets.UTF_8);
    assertTrue(found.contains(hit), found);
    // Recruiters take no part in questions: the public answer's words do not lead them there.
    Browser recruiter = app.signedIn(acme, Role.RECRUITER);
    String notForRecruiters =
        recruiter.get("/search?q=" + URLEncoder.encode("autoroute", StandardCharsets.UTF_8)).body();
    assertFalse(notForRecruiters.contains(hit), notForRecruiters);
    assertFalse(
        recruiter
            .get("/search?q=" + URLEncoder.encode("péage", StandardCharsets.UTF_8))
            .body()
            .contains(hit),
        "the question's words neither");

    // Private again: gone from the page and from search.
    editor.post(url + "/public", TestApp.form("public", "no"));
    assertFalse(other.get("/w/acme/m/" + slug).body().contains("péage"));
    assertEquals(404, other.get(url).statusCode());
    app.app().indexer().catchUp();
    assertFalse(
        other
            .get("/search?q=" + URLEncoder.encode("autoroute", StandardCharsets.UTF_8))
            .body()
            .contains(hit));
  }

  @Test
  void a_public_answer_of_an_archived_manual_is_hidden_from_readers_but_not_from_its_asker() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    Browser other = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = ask(asker, slug, "classer", "", "Combien de temps garder les reçus ?");
    editor.post(url + "/messages", TestApp.form("body", "Dix ans, dans le classeur bleu."));
    assertEquals(303, editor.post(url + "/public", TestApp.form("public", "yes")).statusCode());
    assertEquals(200, other.get(url).statusCode());

    app.app().services().shelf().archive(acme, slug, Actor.SYSTEM);
    assertEquals(404, other.get(url).statusCode(), "hidden with its manual");
    assertEquals(200, asker.get(url).statusCode(), "the asker keeps the thread");
    assertEquals(200, editor.get(url).statusCode());
    app.app().services().shelf().unarchive(acme, slug, Actor.SYSTEM);
    assertEquals(200, other.get(url).statusCode());
  }

  @Test
  void a_question_on_a_procedure_replaced_since_says_so_and_leads_to_the_manual() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    String url = ask(asker, slug, "classer", "", "Où ranger les reçus de péage ?");
    assertTrue(asker.get(url).body().contains("/w/acme/m/" + slug + "#classer"));

    var manuals = app.app().services().manuals();
    var latest = manuals.latest(manuals.require(acme, slug));
    manuals.save(
        acme,
        slug,
        new Draft(
            latest.title(),
            "fr",
            List.of(),
            "",
            // Another procedure in its place: another title and other steps.
            latest
                .markdown()
                .replace("## Classer", "## Archiver")
                .replace("Ranger les reçus.", "Scanner puis détruire les reçus."),
            latest.number(),
            "",
            false,
            true),
        Actor.SYSTEM);
    String thread = asker.get(url).body();
    assertTrue(thread.contains("no longer in the manual"), thread);
    assertTrue(thread.contains("href=\"/w/acme/m/" + slug + "\""), thread);
    assertFalse(thread.contains("#classer\""), "no anchor that leads nowhere: " + thread);
  }

  @Test
  void a_question_sent_after_its_procedure_went_keeps_its_text_on_the_page() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    asker.get("/w/acme/m/" + slug + "/p/classer/ask");
    var manuals = app.app().services().manuals();
    var latest = manuals.latest(manuals.require(acme, slug));
    manuals.save(
        acme,
        slug,
        new Draft(
            latest.title(),
            "fr",
            List.of(),
            "",
            latest.markdown().replace("## Classer\n\nRanger les reçus.\n", ""),
            latest.number(),
            "",
            false,
            true),
        Actor.SYSTEM);
    var refused =
        asker.post(
            "/w/acme/m/" + slug + "/p/classer/questions",
            TestApp.form("quote", "", "body", "Faut-il garder les tickets de péage un an ?"));
    assertEquals(404, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("class=\"kept-text\""), refused.body());
    assertTrue(refused.body().contains("Faut-il garder les tickets de péage un an ?"));
  }

  @Test
  void closing_from_a_page_opened_before_a_follow_up_is_refused() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = ask(asker, slug, "classer", "", "Quel classeur ?");
    assertEquals(
        303, editor.post(url + "/messages", TestApp.form("body", "Le vert.")).statusCode());
    String page = editor.get(url).body();
    assertTrue(page.contains("name=\"seen\" value=\"2\""), page);
    assertEquals(
        303,
        asker.post(url + "/messages", TestApp.form("body", "Et s'il est plein ?")).statusCode());

    var refused = editor.post(url + "/status", TestApp.form("status", "closed", "seen", "2"));
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("read the new message"), "the thread, with why");
    assertTrue(refused.body().contains("plein"), "the new message is on the page");
    assertTrue(
        editor.get(url).body().contains("Et s&#39;il est plein ?")
            || editor.get(url).body().contains("Et s'il est plein ?"));
    assertEquals(
        303,
        editor.post(url + "/status", TestApp.form("status", "closed", "seen", "3")).statusCode());
  }

  @Test
  void a_screenshot_goes_with_the_question_and_only_its_readers_see_it() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    Browser other = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String file = askWithScreenshot(asker, slug, "Ce bouton-là ?")[1];
    assertEquals(200, asker.getBytes(file).statusCode());
    assertEquals(200, editor.getBytes(file).statusCode());
    assertEquals(404, other.getBytes(file).statusCode());
    // Kept past the clean-up of files nothing uses.
    app.app().services().files().removeUnused();
    assertEquals(200, asker.getBytes(file).statusCode());
  }

  /** Asks with a screenshot; gives the thread's address and the screenshot's. */
  private static String[] askWithScreenshot(Browser asker, String slug, String body) {
    var asked =
        asker.upload(
            "/w/acme/m/" + slug + "/p/rembourser/questions",
            "écran.png",
            TestImages.png(64, 48),
            TestApp.form("body", body, "quote", ""));
    assertEquals(303, asked.statusCode(), asked.body());
    String url = asked.headers().firstValue("Location").orElseThrow().replace("?asked", "");
    String thread = asker.get(url).body();
    Matcher image = Pattern.compile("src=\"(/w/acme/files/[0-9a-f]{64}/[^\"?]+)").matcher(thread);
    assertTrue(image.find(), thread);
    return new String[] {url, image.group(1)};
  }

  /** A public question's screenshot goes with the question when its manual is archived. */
  @Test
  void a_public_screenshot_of_an_archived_manual_is_hidden_from_readers_but_not_from_its_asker() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    Browser other = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String[] asked = askWithScreenshot(asker, slug, "Et celui-ci ?");
    String url = asked[0];
    String file = asked[1];
    editor.post(url + "/messages", TestApp.form("body", "Oui, celui-ci."));
    assertEquals(303, editor.post(url + "/public", TestApp.form("public", "yes")).statusCode());
    assertEquals(200, other.getBytes(file).statusCode(), "public: every reader sees it");

    app.app().services().shelf().archive(acme, slug, Actor.SYSTEM);
    assertEquals(404, other.getBytes(file).statusCode(), "hidden with its manual");
    assertEquals(200, asker.getBytes(file).statusCode(), "the asker keeps the thread");
    app.app().services().shelf().unarchive(acme, slug, Actor.SYSTEM);
    assertEquals(200, other.getBytes(file).statusCode());
  }

  @Test
  void a_pdf_sent_as_the_screenshot_is_a_link_under_a_name_without_accents() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    var asked =
        asker.upload(
            "/w/acme/m/" + slug + "/p/rembourser/questions",
            "Relevé été.pdf",
            "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.UTF_8),
            TestApp.form("body", "Ce relevé ?", "quote", ""));
    assertEquals(303, asked.statusCode(), asked.body());
    String url = asked.headers().firstValue("Location").orElseThrow().replace("?asked", "");
    String thread = asker.get(url).body();
    Matcher link =
        Pattern.compile("<a href=\"(/w/acme/files/[0-9a-f]{64}/releve-ete\\.pdf)\"")
            .matcher(thread);
    assertTrue(link.find(), thread);
    assertFalse(thread.contains("<img src=\"/w/acme/files/"), "not shown as a broken image");
    assertEquals(200, asker.getBytes(link.group(1)).statusCode());
  }

  @Test
  void a_question_closed_without_an_answer_cannot_be_made_public() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = ask(asker, slug, "classer", "", "Plus besoin, trouvé.");
    asker.post(url + "/status", TestApp.form("status", "closed"));
    assertFalse(editor.get(url).body().contains("/public"), "not offered");
    assertEquals(409, editor.post(url + "/public", TestApp.form("public", "yes")).statusCode());
  }

  @Test
  void quoting_another_files_address_does_not_open_it() {
    String slug = manual();
    var draftImage =
        app.app()
            .services()
            .files()
            .upload(acme, Actor.SYSTEM, "brouillon.png", TestImages.png(30, 20));
    String address = draftImage.address("acme");
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    assertEquals(404, asker.getBytes(address.replaceAll("\\?.*", "")).statusCode());
    ask(asker, slug, "classer", "", "Et ceci ? ![x](" + address + ")");
    assertEquals(
        404,
        asker.getBytes(address.replaceAll("\\?.*", "")).statusCode(),
        "a draft's picture stays the editors'");
  }

  @Test
  void bad_input_is_refused_with_what_was_typed_kept() {
    String slug = manual();
    Browser asker = app.signedIn(acme, Role.ASSISTANT);
    var empty =
        asker.post("/w/acme/m/" + slug + "/p/rembourser/questions", TestApp.form("body", "   "));
    assertEquals(400, empty.statusCode(), empty.body());
    var tooLong =
        asker.post(
            "/w/acme/m/" + slug + "/p/rembourser/questions",
            TestApp.form("body", "Trop long ".repeat(2_100)));
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("Trop long Trop long"), "the text is kept");
    assertEquals(
        404,
        asker
            .post("/w/acme/m/" + slug + "/p/nulle-part/questions", TestApp.form("body", "?"))
            .statusCode());
    assertEquals(404, asker.get("/w/acme/questions/999999").statusCode());
    assertEquals(404, asker.get("/w/acme/questions/abc").statusCode());
  }
}
