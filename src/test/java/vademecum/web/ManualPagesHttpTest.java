package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.testing.TestApp.form;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** The pages over real HTTP, against the app started on a random port. */
class ManualPagesHttpTest {
  private static final int LIMIT = 64 * 1024;
  private static TestApp app;
  private static Browser editor;

  @BeforeAll
  static void start() {
    app = TestApp.start(LIMIT);
    editor = app.signedIn(app.workspace("moreau"), Role.EDITOR);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String create(String title, String markdown) {
    HttpResponse<String> created =
        editor.post(
            "/w/moreau/manuals",
            form(
                "title",
                title,
                "language",
                "fr",
                "tags",
                "voyage, train",
                "markdown",
                markdown,
                "action",
                "publish"));
    assertEquals(303, created.statusCode(), created.body());
    return created.headers().firstValue("Location").orElseThrow();
  }

  @Test
  void a_tag_too_long_is_refused_with_its_limit_and_the_text_kept() {
    String location = create("Étiquettes", "## Une\nTexte.\n");
    var refused =
        editor.post(
            location,
            form(
                "title",
                "Étiquettes",
                "language",
                "fr",
                "tags",
                "voyage, " + "très longue étiquette ".repeat(4).strip(),
                "markdown",
                "## Une\nTexte gardé.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("50"), "the limit is said: " + refused.body());
    assertTrue(refused.body().contains("Texte gardé."), "the text is kept");
  }

  private static HttpResponse<String> save(
      String location, String title, String markdown, String base) {
    return editor.post(
        location,
        form(
            "title",
            title,
            "language",
            "fr",
            "markdown",
            markdown,
            "base",
            base,
            "action",
            "publish"));
  }

  @Test
  void an_address_typed_from_the_title_leads_to_the_manual() {
    String location = create("Réservation de trains", "## Billets\nEn seconde.\n");
    assertEquals("/w/moreau/m/reservation-de-trains", location);
    var typed = editor.get("/w/moreau/m/R%C3%A9servation%20de%20trains");
    assertEquals(301, typed.statusCode());
    assertEquals(location, typed.headers().firstValue("Location").orElseThrow());
    assertEquals(404, editor.get("/w/moreau/m/r%C3%A9servation-de-bateaux").statusCode());
    // A draft's address is not given away to a reader by a redirect: the same 404 as nothing.
    HttpResponse<String> draft =
        editor.post(
            "/w/moreau/manuals",
            form(
                "title",
                "Plan secret",
                "language",
                "fr",
                "markdown",
                "## A\nB\n",
                "action",
                "draft"));
    assertEquals(303, draft.statusCode(), draft.body());
    assertEquals(301, editor.get("/w/moreau/m/Plan%20secret").statusCode());
    Browser reader = app.signedIn(app.workspace("moreau"), Role.ASSISTANT);
    assertEquals(404, reader.get("/w/moreau/m/Plan%20secret").statusCode());
    assertEquals(301, reader.get("/w/moreau/m/R%C3%A9servation%20de%20trains").statusCode());
  }

  @Test
  void the_export_gives_what_readers_see_and_the_draft_on_request() {
    String location = create("Relances export", "## R\nPubliée.\n");
    editor.get(location + "/edit");
    HttpResponse<String> draft =
        editor.post(
            location,
            form(
                "title",
                "Relances export",
                "language",
                "fr",
                "markdown",
                "## R\nBrouillon.\n",
                "base",
                "1",
                "action",
                "draft"));
    assertEquals(303, draft.statusCode());
    assertTrue(editor.get(location + "/export.md").body().contains("Publiée."));
    assertTrue(editor.get(location + "/export.md?draft").body().contains("Brouillon."));
    assertTrue(editor.get(location).body().contains(location + "/export.md?draft"));
  }

  @Test
  void the_editor_gives_back_a_text_that_starts_with_a_blank_line_as_it_is() {
    String text = "\nIntroduction.\n\n## Classer\nPar trimestre.\n";
    String location = create("Trimestres", text);
    // As a browser reads the page: HTML drops one newline right after <textarea>.
    var page = Jsoup.parse(editor.get(location + "/edit").body());
    assertEquals(text, page.selectFirst("textarea[name=markdown]").wholeText());
  }

  @Test
  void an_old_revision_is_labelled_as_one_not_as_a_draft() {
    String location = create("Archives", "## Classer\nPar année.\n");
    editor.get(location + "/edit");
    assertEquals(303, save(location, "Archives", "## Classer\nPar mois.\n", "1").statusCode());
    String old = editor.get(location + "?rev=1").body();
    assertTrue(old.contains("Revision 1 (old): the latest is 2"), old);
    assertFalse(old.contains("Draft: assistants see"), old);
  }

  /**
   * A save from an older revision with another language than the one set since is a conflict:
   * saved, it silently set the language back.
   */
  @Test
  void a_save_from_an_old_revision_does_not_undo_a_language_set_since() {
    String location = create("Langue", "## Étape\nTexte.\n");
    editor.get(location + "/edit");
    HttpResponse<String> english =
        editor.post(
            location,
            form(
                "title",
                "Langue",
                "language",
                "en",
                "markdown",
                "## Étape\nTexte.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertEquals(303, english.statusCode());
    HttpResponse<String> stale = save(location, "Langue", "## Étape\nTexte.\n", "1");
    assertEquals(409, stale.statusCode(), stale.body());
    String slug = location.substring(location.lastIndexOf('/') + 1);
    assertEquals(
        "en",
        app.app().services().manuals().require(app.workspace("moreau"), slug).language(),
        "the language set since stays");
  }

  /**
   * The conflict page's form starts from the language set since when the person had left theirs as
   * it was: saved again as shown, it put the old language back without a word.
   */
  @Test
  void the_conflict_page_keeps_a_language_set_since_unless_the_person_changed_it() {
    String location = create("Langue bis", "## Étape\nTexte.\n");
    editor.post(
        location,
        form(
            "title",
            "Langue bis",
            "language",
            "en",
            "markdown",
            "## Étape\nTexte.\n",
            "base",
            "1",
            "action",
            "publish"));
    HttpResponse<String> stale =
        editor.post(
            location,
            form(
                "title",
                "Langue bis",
                "language",
                "fr",
                "startLanguage",
                "fr",
                "markdown",
                "## Étape\nTexte changé.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertEquals(409, stale.statusCode(), stale.body());
    assertTrue(stale.body().contains("<option value=\"en\" selected"), stale.body());
    assertTrue(stale.body().contains("name=\"startLanguage\" value=\"en\""), stale.body());
    assertTrue(stale.body().contains("<del>fr</del> → <ins>en</ins>"), stale.body());
    // Chosen on purpose, the person's language stays theirs.
    HttpResponse<String> chosen =
        editor.post(
            location,
            form(
                "title",
                "Langue bis",
                "language",
                "fr",
                "startLanguage",
                "en",
                "markdown",
                "## Étape\nTexte changé.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertEquals(409, chosen.statusCode(), chosen.body());
    assertTrue(chosen.body().contains("<option value=\"fr\" selected"), chosen.body());
    // A save refused for another reason keeps the language the form was opened with.
    HttpResponse<String> untitled =
        editor.post(
            location,
            form(
                "title",
                "",
                "language",
                "fr",
                "startLanguage",
                "en",
                "markdown",
                "x",
                "base",
                "2",
                "action",
                "publish"));
    assertEquals(400, untitled.statusCode(), untitled.body());
    assertTrue(untitled.body().contains("name=\"startLanguage\" value=\"en\""), untitled.body());
  }

  @Test
  void the_editor_is_told_when_someone_else_saved_meanwhile() {
    String location = create("Relances", "## Relancer\nJ+15.\n");
    assertTrue(editor.get(location + "/edit").body().contains(location + "/latest?base=1"));
    assertFalse(editor.get(location + "/latest?base=1").body().contains("alert"));
    Browser colleague = app.signedIn(app.workspace("moreau"), Role.EDITOR);
    colleague.get(location + "/edit");
    assertEquals(
        303,
        colleague
            .post(
                location,
                form(
                    "title",
                    "Relances",
                    "language",
                    "fr",
                    "markdown",
                    "## Relancer\nJ+10.\n",
                    "base",
                    "1",
                    "action",
                    "publish"))
            .statusCode());
    String note = editor.get(location + "/latest?base=1").body();
    assertTrue(note.contains("Revision 2 was saved by"), note);
    assertEquals(400, editor.get(location + "/latest").statusCode());
  }

  @Test
  void a_save_from_the_editor_keeps_the_description_it_has_no_field_for() {
    Workspace moreau = app.workspace("moreau");
    app.app()
        .services()
        .manuals()
        .create(
            moreau,
            new Draft(
                "Courrier",
                "fr",
                List.of("courrier"),
                "Le matin, avant 10 h.",
                "## Trier\nLe courrier.\n",
                null,
                "",
                false,
                true),
            null,
            Actor.SYSTEM);
    HttpResponse<String> saved =
        save("/w/moreau/m/courrier", "Courrier", "## Trier\nLe courrier du jour.\n", "1");
    assertEquals(303, saved.statusCode(), saved.body());
    var db = app.app().services().database().dsl();
    assertEquals(
        List.of("Le matin, avant 10 h.", "Le matin, avant 10 h."),
        db.select(REVISION.DESCRIPTION)
            .from(REVISION)
            .join(MANUAL)
            .on(MANUAL.ID.eq(REVISION.MANUAL_ID))
            .where(MANUAL.SLUG.eq("courrier"))
            .orderBy(REVISION.NUMBER)
            .fetch(REVISION.DESCRIPTION));
  }

  @Test
  void health_answers_ok_as_json() {
    var health = app.get("/health");
    assertEquals(200, health.statusCode());
    assertTrue(health.body().contains("\"status\":\"ok\""), health.body());
  }

  @Test
  void every_page_carries_the_security_headers() {
    var home = app.get("/login");
    assertEquals(200, home.statusCode());
    String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("nosniff", home.headers().firstValue("X-Content-Type-Options").orElseThrow());
  }

  @Test
  void a_created_manual_is_shown_with_its_procedures_and_permalinks() {
    String location =
        create(
            "Réservation de voyages",
            "Intro.\n\n## Réserver un vol {#vols}\nÉtapes.\n\n## Hôtel\nChambre.\n");
    assertEquals("/w/moreau/m/reservation-de-voyages", location);

    var page = editor.get(location);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<h2 id=\"vols\">Réserver un vol</h2>"), page.body());
    assertTrue(page.body().contains("href=\"#hotel\""), page.body());
    assertTrue(page.body().contains("lang=\"fr\""));

    var permalink = editor.get(location + "/p/vols");
    assertEquals(303, permalink.statusCode());
    assertEquals(location + "#vols", permalink.headers().firstValue("Location").orElseThrow());
    // A bookmark to a procedure removed since opens the manual, which says so.
    var gone = editor.get(location + "/p/inconnue");
    assertEquals(303, gone.statusCode());
    String there = gone.headers().firstValue("Location").orElseThrow();
    assertEquals(location + "?gone=inconnue", there);
    String shown = editor.get(there).body();
    assertTrue(shown.contains("data-gone") && shown.contains("inconnue"), shown);
    assertFalse(editor.get(location + "?gone=vols").body().contains("data-gone"), "it is there");
  }

  @Test
  void a_stale_save_gets_a_conflict_page_that_keeps_the_users_text() {
    String location = create("Tri des e-mails", "## Trier\nLe matin.\n");
    var first = save(location, "Tri des e-mails", "## Trier\nLe matin, à 9 h.\n", "1");
    assertEquals(303, first.statusCode(), first.body());

    var second =
        save(location, "Tri des e-mails", "## Trier\nMon texte à moi <b>précieux</b>.\n", "1");

    assertEquals(409, second.statusCode());
    assertTrue(
        second.body().contains("Mon texte à moi &lt;b&gt;précieux&lt;/b&gt;."),
        "the user's text is kept");
    assertTrue(
        second.body().contains("name=\"base\" value=\"2\""),
        "the retry is based on the latest revision");
    assertTrue(second.body().contains("<ins>"), "the page shows what changed meanwhile");
    assertTrue(second.body().contains("class=\"markdown rd-added\""), "as it reads, too");
    var shown = editor.get(location);
    assertTrue(shown.body().contains("à 9 h"), "the first save was not overwritten");
  }

  @Test
  void history_diff_and_restore_work_over_http() {
    String location = create("Agenda", "## Rendez-vous\nLe lundi.\n");
    save(location, "Agenda", "## Rendez-vous\nLe mardi.\n", "1");

    var history = editor.get(location + "/history");
    assertEquals(200, history.statusCode());
    assertTrue(history.body().contains("Restore as new draft"));

    var diff = editor.get(location + "/diff?from=1&to=2");
    assertEquals(200, diff.statusCode());
    String rendered = diff.body().substring(diff.body().indexOf("class=\"rdiff\""));
    assertTrue(
        rendered.contains(
            "rd-removed\"><span class=\"visually-hidden\" lang=\"en\">Removed:</span><p>Le lundi.</p>"),
        "the change as it reads: " + rendered);
    assertTrue(rendered.contains("rd-added"));
    assertTrue(diff.body().contains("Markdown source of the changes"), "the source one click away");
    assertTrue(
        diff.body().contains("<del>lundi.</del>") || diff.body().contains("<del>lundi</del>"),
        diff.body());

    var asked =
        editor.post(location + "/restore", form("number", "1", "base", "2", "publish", "true"));
    assertEquals(200, asked.statusCode(), "restoring asks first");
    assertTrue(asked.body().contains("Its text becomes revision 3"), asked.body());
    assertTrue(asked.body().contains("<input type=\"hidden\" name=\"number\" value=\"1\">"));
    assertFalse(asked.body().contains("<script>"), "no inline script");
    assertFalse(editor.get(location).body().contains("Le lundi."), "nothing restored yet");
    var restore =
        editor.post(
            location + "/restore",
            form("number", "1", "base", "2", "publish", "true", "confirm", "yes"));
    assertEquals(303, restore.statusCode(), restore.body());
    assertTrue(editor.get(location).body().contains("Le lundi."));
    assertTrue(editor.get(location + "/history").body().contains("Restored revision 1"));
  }

  @Test
  void a_refused_save_shows_every_field_back_as_it_was_typed() {
    var refused =
        editor.post(
            "/w/moreau/manuals",
            form(
                "title",
                " ",
                "language",
                "en",
                "tags",
                "Voyage,, urgent ",
                "markdown",
                "## Réserver\r\nLe train d'abord.",
                "note",
                "première version",
                "minor",
                "true",
                "action",
                "draft"));
    assertEquals(400, refused.statusCode());
    String body = refused.body();
    assertTrue(body.contains("value=\"Voyage,, urgent \""), "tags as typed, not as parsed");
    assertTrue(body.contains("## Réserver\nLe train d"), "the text, its line ends made plain");
    assertTrue(body.contains("value=\"première version\""), "the note");
    assertTrue(body.contains("value=\"en\" selected"), "the language");
    assertTrue(body.contains("name=\"minor\" value=\"true\" checked"), "the minor box");
  }

  @Test
  void bad_input_gets_a_clear_4xx_and_keeps_the_text() {
    var emptyTitle =
        editor.post(
            "/w/moreau/manuals",
            form(
                "title",
                " ",
                "language",
                "fr",
                "markdown",
                "Mon brouillon précieux",
                "action",
                "draft"));
    assertEquals(400, emptyTitle.statusCode());
    assertTrue(emptyTitle.body().contains("The title is empty."));
    assertTrue(emptyTitle.body().contains("Mon brouillon précieux"));

    var duplicate =
        editor.post(
            "/w/moreau/manuals",
            form(
                "title",
                "Doublon",
                "language",
                "fr",
                "markdown",
                "## Étapes\n\n## Etapes\n",
                "action",
                "draft"));
    assertEquals(400, duplicate.statusCode());
    assertTrue(duplicate.body().contains("Étapes"), duplicate.body());

    var tooLarge =
        editor.post(
            "/w/moreau/manuals",
            form(
                "title",
                "Trop long",
                "language",
                "fr",
                "markdown",
                "é".repeat(LIMIT),
                "action",
                "draft"));
    assertEquals(413, tooLarge.statusCode());
    assertTrue(tooLarge.body().contains("64 KB"), "names the limit");

    var wayTooLarge =
        editor.post(
            "/w/moreau/manuals",
            form(
                "title",
                "Énorme",
                "language",
                "fr",
                "markdown",
                "x".repeat(LIMIT * 4),
                "action",
                "draft"));
    assertEquals(413, wayTooLarge.statusCode());
    assertFalse(wayTooLarge.body().contains("Exception"));

    var invalidUtf8 =
        editor.postRaw(
            "/w/moreau/manuals",
            "_csrf=" + editor.csrf() + "&title=Caf%E9&language=fr&markdown=caf%E9&action=draft",
            Map.of());
    assertEquals(400, invalidUtf8.statusCode());
    assertTrue(invalidUtf8.body().contains("UTF-8"));

    assertEquals(404, editor.get("/w/inconnu").statusCode());
    assertEquals(404, editor.get("/w/moreau/m/inconnu").statusCode());
    assertEquals(404, editor.get("/nowhere").statusCode());
    assertEquals(400, editor.get("/w/moreau/m/inconnu?rev=abc").statusCode());
  }

  @Test
  void the_preview_renders_sanitised_html() {
    var preview =
        editor.post(
            "/w/moreau/preview",
            form("markdown", "## Titre\n[x](javascript:alert(1)) <script>alert(2)</script>"));
    assertEquals(200, preview.statusCode());
    assertTrue(preview.body().contains("<h2 id=\"titre\">Titre</h2>"), preview.body());
    assertFalse(preview.body().contains("javascript:"), preview.body());
    assertFalse(preview.body().contains("<script"), preview.body());
  }
}
