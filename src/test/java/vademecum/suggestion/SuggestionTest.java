package vademecum.suggestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.AUDIT_EVENT;

import java.util.List;
import org.jsoup.Jsoup;
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
import vademecum.manual.Revision;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Suggested edits over real HTTP: rebase, conflict, accept, decline, resubmit, history. */
class SuggestionTest {
  private static final String TEXT =
      "## Rembourser\n\n1. Ouvrir le tableur.\n2. Payer avec la carte bleue.\n\n"
          + "## Classer\n\nRanger les reçus.\n";

  private static TestApp app;
  private static Workspace acme;
  private static ManualService manuals;
  private static int count;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    acme = app.workspace("acme");
    manuals = app.app().services().manuals();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String manual() {
    return manuals
        .create(
            acme,
            new Draft("Frais " + (++count), "fr", List.of(), "", TEXT, null, "", false, true),
            null,
            Actor.SYSTEM)
        .manual()
        .slug();
  }

  private static Revision latest(String slug) {
    return manuals.latest(manuals.require(acme, slug));
  }

  /** An editor's change to the manual, published. */
  private static void edit(String slug, String from, String to) {
    change(slug, from, to, true);
  }

  private static void change(String slug, String from, String to, boolean publish) {
    Revision latest = latest(slug);
    manuals.save(
        acme,
        slug,
        new Draft(
            latest.title(),
            "fr",
            latest.tags(),
            latest.description(),
            latest.markdown().replace(from, to),
            latest.number(),
            "",
            false,
            publish),
        Actor.SYSTEM);
  }

  private static String suggest(Browser browser, String slug, String key, String from, String to) {
    String form = browser.get("/w/acme/m/" + slug + "/p/" + key + "/suggest").body();
    assertTrue(form.contains("name=\"markdown\""), form);
    String section =
        TEXT.substring(TEXT.indexOf("## " + (key.equals("rembourser") ? "Remb" : "Class")));
    if (key.equals("rembourser")) {
      section = section.substring(0, section.indexOf("## Classer"));
    }
    var made =
        browser.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "procedure",
                key,
                "base",
                String.valueOf(published(slug)),
                "markdown",
                section.replace(from, to),
                "note",
                "C'est la carte de la société."));
    assertEquals(303, made.statusCode(), made.body());
    return made.headers().firstValue("Location").orElseThrow();
  }

  private static int published(String slug) {
    Manual manual = manuals.require(acme, slug);
    return manuals.publishedOrLatest(manual).number();
  }

  @Test
  void the_author_of_a_suggestion_on_an_archived_manual_sees_no_text_published_after_it() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    String url = suggest(assistant, slug, "classer", "les reçus.", "les reçus au classeur.");
    edit(slug, "Payer avec la carte bleue.", "Payer avec le code confidentiel 4821.");
    assertTrue(assistant.get(url).body().contains("4821"), "published: every reader sees it");
    app.app().services().shelf().archive(acme, slug, Actor.SYSTEM);
    edit(slug, "code confidentiel 4821", "code confidentiel 7395");
    assertEquals(404, assistant.get("/w/acme/m/" + slug).statusCode());
    var page = assistant.get(url);
    assertEquals(200, page.statusCode(), "the author keeps their suggestion");
    assertFalse(
        page.body().contains("7395"), "published after archiving is hidden: " + page.body());
  }

  @Test
  void an_assistants_suggestion_is_seen_by_editors_and_accepted_as_a_draft_by_its_author() {
    String slug = manual();
    Account author = app.account(acme, Role.ASSISTANT);
    Browser assistant = app.browser();
    assistant.login(author.email(), TestApp.PASSWORD);
    assistant.ready();
    Browser other = app.signedIn(acme, Role.ASSISTANT);
    Browser recruiter = app.signedIn(acme, Role.RECRUITER);
    Browser editor = app.signedIn(acme, Role.EDITOR);

    String url = suggest(assistant, slug, "rembourser", "carte bleue", "carte verte");
    assertEquals(404, other.get(url).statusCode());
    assertEquals(403, recruiter.get(url).statusCode());
    assertEquals(403, recruiter.get("/w/acme/m/" + slug + "/suggest").statusCode());
    assertTrue(assistant.get("/w/acme/suggestions").body().contains(url));
    assertFalse(other.get("/w/acme/suggestions").body().contains(url));
    assertTrue(editor.get("/w/acme/suggestions?status=open").body().contains(url));

    // The decider sees the change rendered (struck and added) and as source.
    String page = editor.get(url).body();
    assertTrue(page.contains("carte verte"), page);
    assertTrue(page.contains("carte bleue"), page);
    assertTrue(page.contains("name=\"outcome\""), page);
    assertFalse(assistant.get(url).body().contains("name=\"outcome\""));
    assertEquals(
        403, assistant.post(url + "/accept", TestApp.form("outcome", "draft")).statusCode());

    int before = latest(slug).number();
    var accepted = editor.post(url + "/accept", TestApp.form("outcome", "draft"));
    assertEquals(303, accepted.statusCode(), accepted.body());
    Revision draft = latest(slug);
    assertEquals(before + 1, draft.number());
    assertTrue(draft.markdown().contains("carte verte"));
    assertTrue(draft.markdown().contains("Ranger les reçus."), "the rest is untouched");
    assertEquals(author.id(), draft.authorId(), "the revision is its author's");
    assertEquals(before, published(slug), "a draft: readers still see the published text");

    // Decided once.
    assertEquals(409, editor.post(url + "/accept", TestApp.form("outcome", "major")).statusCode());
    String history = editor.get("/w/acme/m/" + slug + "/history").body();
    assertTrue(history.contains(author.displayName()), history);
    assertTrue(history.contains("accepted"), history);
    assertTrue(audit("suggestion.make") >= 1);
    assertTrue(audit("suggestion.accepted") >= 1);
  }

  @Test
  void a_suggestion_is_rebased_across_a_change_elsewhere_and_published_at_once() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = suggest(assistant, slug, "rembourser", "carte bleue", "carte verte");
    edit(slug, "Ranger les reçus.", "Ranger les reçus dans le classeur.");

    String page = editor.get(url).body();
    assertTrue(page.contains("do not overlap"), page);
    var accepted = editor.post(url + "/accept", TestApp.form("outcome", "major"));
    assertEquals(303, accepted.statusCode(), accepted.body());
    Revision now = latest(slug);
    assertEquals(now.number(), published(slug), "published at once");
    assertTrue(now.markdown().contains("carte verte"), now.markdown());
    assertTrue(now.markdown().contains("Ranger les reçus dans le classeur."), now.markdown());
  }

  @Test
  void an_overlapping_change_is_a_conflict_showing_both_texts_and_nothing_is_overwritten() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = suggest(assistant, slug, "rembourser", "carte bleue", "carte verte");
    edit(slug, "carte bleue", "carte noire");
    int before = latest(slug).number();

    String page = editor.get(url).body();
    assertTrue(page.contains("cannot be applied without overwriting"), page);
    assertTrue(page.contains("carte noire") && page.contains("carte verte"), page);
    assertFalse(page.contains("name=\"outcome\""), "no accept button on a conflict");
    var refused = editor.post(url + "/accept", TestApp.form("outcome", "draft"));
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("carte verte"), "the page shows both texts again");
    assertEquals(before, latest(slug).number(), "nothing written");
    assertTrue(latest(slug).markdown().contains("carte noire"));
  }

  @Test
  void a_declined_suggestion_says_why_and_can_be_submitted_again() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = suggest(assistant, slug, "classer", "Ranger les reçus.", "Jeter les reçus.");
    assertEquals(
        303,
        editor
            .post(url + "/decline", TestApp.form("note", "Il faut les garder dix ans."))
            .statusCode());
    String mine = assistant.get(url).body();
    assertTrue(mine.contains("Il faut les garder dix ans."), mine);
    assertTrue(mine.contains(url + "/resubmit"));

    String form = assistant.get(url + "/resubmit").body();
    assertTrue(form.contains("Jeter les reçus."), form);
    var again =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "procedure",
                "classer",
                "base",
                String.valueOf(published(slug)),
                "markdown",
                "## Classer\n\nRanger les reçus dans la boîte d'archives.\n",
                "resubmits",
                url.substring(url.lastIndexOf('/') + 1)));
    assertEquals(303, again.statusCode(), again.body());
    assertTrue(editor.get("/w/acme/suggestions").body().contains("submitted again"));
    // The review page names the procedure by its title, as it does flags and questions.
    String review = editor.get("/w/acme/review").body();
    assertTrue(review.contains(" › Classer</a>"), review);
    assertFalse(review.contains(" › classer</a>"), review);
    // Only its author resubmits.
    assertEquals(409, editor.get(url + "/resubmit").statusCode());
  }

  @Test
  void a_declined_suggestion_overlapping_a_later_change_is_shown_beside_the_current_text() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = suggest(assistant, slug, "classer", "Ranger les reçus.", "Jeter les reçus.");
    editor.post(url + "/decline", TestApp.form("note", "Pas si vite."));
    edit(slug, "Ranger les reçus.", "Scanner les reçus.");

    var form = Jsoup.parse(assistant.get(url + "/resubmit").body());
    String text = form.selectFirst("textarea[name=markdown]").wholeText();
    assertTrue(text.contains("Scanner les reçus."), "the form starts from now: " + text);
    assertTrue(
        form.selectFirst(".kept-text").wholeText().contains("Jeter les reçus."),
        "the declined change is on the page, not dropped");
  }

  @Test
  void an_answer_added_to_the_procedure_lands_under_the_quoted_step() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    var asked =
        assistant.post(
            "/w/acme/m/" + slug + "/p/rembourser/questions",
            TestApp.form("quote", "Ouvrir le tableur.", "body", "Lequel ?"));
    String question = asked.headers().firstValue("Location").orElseThrow().replace("?asked", "");
    editor.post(question + "/messages", TestApp.form("body", "Celui du dossier Compta 2026."));
    String form = editor.get(question + "/suggest").body();
    assertTrue(
        form.contains("1. Ouvrir le tableur.\n\n   Celui du dossier Compta 2026.\n2. Payer"), form);
    assertEquals(403, assistant.get(question + "/suggest").statusCode());
  }

  @Test
  void bad_suggestions_are_refused_keeping_the_text() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    var unchanged =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form("base", "1", "markdown", TEXT, "note", "rien"));
    assertEquals(400, unchanged.statusCode());
    var headless =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "procedure", "classer", "base", "1", "markdown", "Sans titre, texte gardé."));
    assertEquals(400, headless.statusCode());
    assertTrue(headless.body().contains("Sans titre, texte gardé."));
    assertEquals(
        400,
        assistant
            .post("/w/acme/m/" + slug + "/suggestions", TestApp.form("base", "99", "markdown", "x"))
            .statusCode());
  }

  /** An editor's change saved as a draft, not published. */
  private static void draft(String slug, String from, String to) {
    change(slug, from, to, false);
  }

  @Test
  void an_editors_unpublished_draft_is_neither_shown_to_the_author_nor_published_with_it() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String url = suggest(assistant, slug, "rembourser", "carte bleue", "carte verte");
    draft(slug, "Ranger les reçus.", "Ranger les reçus — brouillon secret.");
    assertFalse(
        assistant.get(url).body().contains("brouillon secret"), "the author reads no draft");
    draft(slug, "carte bleue", "carte noire (brouillon)");
    assertFalse(assistant.get(url).body().contains("carte noire"), "not even in a conflict");

    String other =
        suggest(assistant, slug, "rembourser", "## Rembourser", "## Rembourser les frais");
    var published = editor.post(other + "/accept", TestApp.form("outcome", "major"));
    assertEquals(409, published.statusCode(), "publishing would publish the draft too");
    int before = published(slug);
    var drafted = editor.post(other + "/accept", TestApp.form("outcome", "draft"));
    assertEquals(303, drafted.statusCode(), drafted.body());
    assertEquals(before, published(slug));
  }

  @Test
  void a_resubmitted_suggestion_keeps_what_changed_since_it_was_made() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    var made =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "base",
                String.valueOf(published(slug)),
                "markdown",
                TEXT.replace("carte bleue", "carte verte")));
    String url = made.headers().firstValue("Location").orElseThrow();
    editor.post(url + "/decline", TestApp.form("note", "Dites pourquoi."));
    edit(slug, "Ranger les reçus.", "Ranger les reçus dans le classeur.");
    String form = assistant.get(url + "/resubmit").body();
    assertTrue(form.contains("carte verte"), form);
    assertTrue(form.contains("Ranger les reçus dans le classeur."), "the later change is kept");
  }

  @Test
  void a_suggestion_names_only_questions_of_its_workspace_and_only_published_bases() {
    String slug = manual();
    Browser editor = app.signedIn(acme, Role.EDITOR);
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    assertEquals(
        404,
        editor
            .post(
                "/w/acme/m/" + slug + "/suggestions",
                TestApp.form(
                    "base", "1", "markdown", TEXT.replace("bleue", "verte"), "question", "999999"))
            .statusCode());
    assertEquals(
        403,
        assistant
            .post(
                "/w/acme/m/" + slug + "/suggestions",
                TestApp.form(
                    "base", "1", "markdown", TEXT.replace("bleue", "verte"), "question", "1"))
            .statusCode());
    draft(slug, "bleue", "grise");
    int unpublished = latest(slug).number();
    assertEquals(
        400,
        assistant
            .post(
                "/w/acme/m/" + slug + "/suggestions",
                TestApp.form(
                    "base", String.valueOf(unpublished), "markdown", TEXT.replace("bleue", "rose")))
            .statusCode());
  }

  @Test
  void an_assistant_suggests_only_on_the_revision_published_now_and_keeps_the_text() {
    String slug = manual();
    // Revision 1 said something taken out since: readers may no longer read it.
    edit(slug, "carte bleue", "carte de la société");
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    String mine = "## Classer\n\nRanger les reçus dans le classeur rouge.\n";
    var refused =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form("procedure", "classer", "base", "1", "markdown", mine));
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("classeur rouge"), "the text is kept");
    assertFalse(refused.body().contains("carte bleue"), "nothing of revision 1 shown");
    String token =
        app.app().services().tokens().create(app.account(acme, Role.ASSISTANT).id(), "api");
    var api =
        app.api(
            token,
            "POST",
            "/api/v1/workspaces/acme/manuals/" + slug + "/suggestions",
            "{\"procedure\":\"classer\",\"base\":1,\"markdown\":\"## Classer\\n\\nx\"}");
    assertEquals(409, api.statusCode(), api.body());
    // On the revision published now, the same text is taken.
    var taken =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "procedure", "classer", "base", String.valueOf(published(slug)), "markdown", mine));
    assertEquals(303, taken.statusCode(), taken.body());
  }

  @Test
  void a_refused_suggestion_comes_back_merged_onto_what_was_published_meanwhile() {
    String slug = manual();
    Browser writer = app.signedIn(acme, Role.EDITOR);
    int opened = published(slug);
    edit(slug, "1. Ouvrir le tableur.", "1. Ouvrir le tableur partagé.");
    String mine =
        "## Rembourser\n\n1. Ouvrir le tableur.\n2. Payer avec la carte bleue.\n"
            + "3. Garder le reçu.\n";
    // An editor's suggestion refused for its note, sent from a page opened before the change.
    var refused =
        writer.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "procedure",
                "rembourser",
                "base",
                String.valueOf(opened),
                "markdown",
                mine,
                "note",
                "n".repeat(5_000)));
    assertEquals(400, refused.statusCode(), refused.body());
    var form = Jsoup.parse(refused.body());
    String shown = form.selectFirst("textarea[name=markdown]").wholeText();
    assertTrue(shown.contains("tableur partagé"), "the other change is kept: " + shown);
    assertTrue(shown.contains("Garder le reçu"), "and so is this one: " + shown);
    assertEquals(
        String.valueOf(published(slug)), form.selectFirst("input[name=base]").val(), "on now");
    assertNull(form.selectFirst(".kept-text"), "nothing to copy by hand");

    // Both changed the same line: the form holds the text published now, the typed one beside it.
    int reopened = published(slug);
    edit(slug, "2. Payer avec la carte bleue.", "2. Payer avec la carte de la société.");
    String overlapping = "## Rembourser\n\n1. Ouvrir le tableur partagé.\n2. Payer en espèces.\n";
    var clash =
        writer.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "procedure",
                "rembourser",
                "base",
                String.valueOf(reopened),
                "markdown",
                overlapping,
                "note",
                "n".repeat(5_000)));
    assertEquals(400, clash.statusCode(), clash.body());
    var again = Jsoup.parse(clash.body());
    assertTrue(
        again.selectFirst("textarea[name=markdown]").wholeText().contains("carte de la société"));
    assertTrue(again.selectFirst(".kept-text").wholeText().contains("Payer en espèces"));

    // An assistant's is never merged (whether it merged would tell what an older revision said):
    // the current text, and theirs beside it.
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    var late =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form(
                "procedure", "rembourser", "base", String.valueOf(opened), "markdown", mine));
    assertEquals(409, late.statusCode(), late.body());
    var theirs = Jsoup.parse(late.body());
    String now = theirs.selectFirst("textarea[name=markdown]").wholeText();
    assertTrue(now.contains("carte de la société") && !now.contains("Garder le reçu"), now);
    assertTrue(theirs.selectFirst(".kept-text").wholeText().contains("Garder le reçu"));
  }

  @Test
  void a_procedure_gone_while_the_assistant_wrote_keeps_the_text_on_the_page() {
    String slug = manual();
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    int opened = published(slug);
    edit(slug, "## Classer\n\nRanger les reçus.\n", "");
    String mine = "## Classer\n\nRanger les reçus dans le classeur vert.\n";
    var refused =
        assistant.post(
            "/w/acme/m/" + slug + "/suggestions",
            TestApp.form("procedure", "classer", "base", String.valueOf(opened), "markdown", mine));
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("classeur vert"), "the text typed is kept");
    assertTrue(refused.body().contains("Rembourser"), "the whole manual is the text to edit");
  }

  private static int audit(String action) {
    return app.app()
        .services()
        .database()
        .dsl()
        .fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action));
  }
}
