package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.testing.TestApp.form;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.db.schema.Tables;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.share.ShareService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Each refusal a person can meet is a real page in their language, with a way back. */
class FrenchErrorPagesTest {
  private static final int LIMIT = 64 * 1024;
  private static TestApp app;
  private static Workspace workspace;
  private static Browser editor;

  @BeforeAll
  static void start() {
    app = TestApp.start(LIMIT);
    workspace = app.workspace("cabinet");
    Account person = app.account(workspace, Role.EDITOR, "fr");
    editor = app.browser();
    editor.login(person.email(), TestApp.PASSWORD);
    editor.ready();
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft("Guide", "fr", List.of(), "", "## Étape\nTexte.\n", null, "", false, true),
            null,
            Actor.SYSTEM);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static void assertFrenchPage(HttpResponse<String> response, int status, String title) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.body().contains("<html lang=\"fr\">"), response.body());
    assertTrue(response.body().contains(title), response.body());
  }

  @Test
  void bad_request_forbidden_and_not_found() {
    editor.get("/");
    HttpResponse<String> bad = editor.post("/language", form("language", "de"));
    assertFrenchPage(bad, 400, "Requête incorrecte");
    assertTrue(bad.body().contains("La langue doit être fr ou en."), "the service's message too");
    assertFrenchPage(editor.get("/w/cabinet/members"), 403, "Action non autorisée");
    HttpResponse<String> missing = editor.get("/w/cabinet/m/nulle-part");
    assertFrenchPage(missing, 404, "Page introuvable");
    assertTrue(missing.body().contains("Retour à l'accueil"));
  }

  @Test
  void a_conflicting_save_is_a_french_page_that_keeps_the_text() {
    editor.get("/w/cabinet/m/guide/edit");
    assertEquals(
        303,
        editor
            .post(
                "/w/cabinet/m/guide",
                form(
                    "title",
                    "Guide",
                    "language",
                    "fr",
                    "markdown",
                    "## Étape\nTexte revu.\n",
                    "base",
                    "1",
                    "action",
                    "publish"))
            .statusCode());
    editor.get("/w/cabinet/m/guide/edit");
    HttpResponse<String> conflict =
        editor.post(
            "/w/cabinet/m/guide",
            form(
                "title",
                "Guide",
                "language",
                "fr",
                "markdown",
                "## Étape\nMon texte à moi.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertFrenchPage(conflict, 409, "Quelqu'un a enregistré ce manuel");
    assertTrue(conflict.body().contains("Mon texte à moi."));
  }

  @Test
  void what_readers_meet_when_asking_and_suggesting_is_french() {
    for (String english :
        List.of(
            "Write your message.",
            "Say what looks out of date: the owners read it.",
            "A procedure starts with its title, a line beginning with \"## \".",
            "The text is unchanged: there is nothing to suggest.",
            "This suggestion was already accepted.",
            "The manual changed where this suggestion does since revision 3: it cannot be applied"
                + " without overwriting that change.",
            "There is no such question here.",
            "synonyms.txt, line 4: a line lists at most 20 ways to say one thing.",
            "A frame of this GIF is 9000 × 9000 pixels; images are limited to 16 megapixels.",
            "The review interval is a number of months, or none.",
            "sophie@example.org is already a member of this workspace.",
            "front matter opened with --- is never closed (line 1)")) {
      String french = Translations.translate("fr", english);
      assertFalse(french.equals(english), "no French for: " + english);
    }
    // The most specific entry wins over a shorter one that also matches.
    String bomb =
        Translations.translate(
            "fr",
            "bomb.zip is refused: big.md is larger than the limit of 2 MB once uncompressed.");
    assertFalse(bomb.contains("once uncompressed"), bomb);
    assertTrue(bomb.startsWith("bomb.zip"), bomb);
    assertEquals(
        "synonyms.txt, ligne 4 : une ligne donne au plus 20 façons de dire la même chose.",
        Translations.translate(
            "fr", "synonyms.txt, line 4: a line lists at most 20 ways to say one thing."));
  }

  @Test
  void too_large_names_its_limit_in_french() {
    editor.get("/w/cabinet/new");
    HttpResponse<String> tooLarge =
        editor.post(
            "/w/cabinet/manuals",
            form(
                "title",
                "Énorme",
                "language",
                "fr",
                "markdown",
                "x".repeat(LIMIT * 2),
                "action",
                "publish"));
    assertEquals(413, tooLarge.statusCode());
    assertTrue(tooLarge.body().contains("<html lang=\"fr\">"), tooLarge.body());
    assertTrue(tooLarge.body().contains("dépasse la limite de 64 Ko"), tooLarge.body());
    assertFalse(tooLarge.body().contains("64 KB"), "the editor's help says Ko too");
  }

  @Test
  void a_server_error_is_a_french_page_too() {
    var db = app.app().services().database().dsl();
    // A fault the app cannot handle: the table behind a page disappears for a moment.
    db.execute("alter table share_link rename to share_link_away");
    try {
      HttpResponse<String> broken = editor.get("/w/cabinet/shares");
      assertFrenchPage(broken, 500, "Erreur du serveur");
      assertTrue(broken.body().contains("Rien n'a été modifié"), broken.body());
      assertTrue(broken.body().contains("Retour à l'accueil"));
      assertFalse(broken.body().contains("Exception"), "no stack trace shown");
    } finally {
      db.execute("alter table share_link_away rename to share_link");
    }
  }

  @Test
  void an_expired_share_link_is_gone_politely() {
    var created =
        app.app()
            .services()
            .shares()
            .create(
                workspace,
                new ShareService.Request("guide", "Candidat", 1, List.of(), false),
                Actor.SYSTEM);
    app.app()
        .services()
        .database()
        .dsl()
        .update(Tables.SHARE_LINK)
        .set(Tables.SHARE_LINK.EXPIRES_AT, OffsetDateTime.now().minusDays(1))
        .where(Tables.SHARE_LINK.ID.eq(created.link().id()))
        .execute();
    HttpResponse<String> gone = app.get(created.url().substring(created.url().indexOf("/s/")));
    assertEquals(410, gone.statusCode());
    assertTrue(gone.body().contains("Ce lien a expiré"));
  }
}
