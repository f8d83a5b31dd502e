package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.SEARCH_LOG;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
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

/** Searches recorded for owners: what, how many hits, what was opened; nobody's name; expiry. */
class SearchInsightsTest {
  private static TestApp app;
  private static DSLContext db;
  private static Workspace office;
  private static Workspace elsewhere;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    db = app.app().services().database().dsl();
    office = app.workspace("bureau");
    elsewhere = app.workspace("ailleurs");
    app.app()
        .services()
        .manuals()
        .create(
            office,
            new Draft(
                "Paie",
                "fr",
                List.of(),
                "",
                "## Congé maternité {#maternite}\nDéclarer le congé maternité à la paie.\n",
                null,
                "",
                false,
                true),
            null,
            Actor.SYSTEM);
    app.app().indexer().catchUp();
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static void publishIn(Workspace workspace, String title, String markdown) {
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft(title, "fr", List.of(), "", markdown, null, "", false, true),
            null,
            Actor.SYSTEM);
    app.app().indexer().catchUp();
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static int rows(Workspace workspace, String query) {
    return db.fetchCount(
        SEARCH_LOG, SEARCH_LOG.WORKSPACE_ID.eq(workspace.id()).and(SEARCH_LOG.QUERY.eq(query)));
  }

  @Test
  void a_search_is_recorded_per_workspace_with_its_hits_and_the_hit_opened_and_no_person() {
    Account both = app.account(office, Role.ASSISTANT);
    app.app()
        .services()
        .memberships()
        .addMember(elsewhere, both.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
    Browser browser = app.browser();
    browser.login(both.email(), TestApp.PASSWORD);
    browser.ready();

    // Results shown as one types are not searches.
    browser.get("/search/results?q=" + q("congé mat"));
    assertEquals(0, rows(office, "congé mat"));

    // Across both clients: whose words these are is not known until a hit is opened.
    String across = browser.get("/search?q=" + q("Congé  Maternité")).body();
    assertEquals(0, rows(office, "congé maternité"));
    assertEquals(0, rows(elsewhere, "congé maternité"));
    // "remboursement" alone is in the other client's manuals: that is no sign the search was
    // about them.
    publishIn(elsewhere, "Notes de frais", "## Remboursement\nLe remboursement des frais.\n");
    browser.get("/search?q=" + q("remboursement Dupont SARL"));
    assertEquals(0, rows(office, "remboursement dupont sarl"));
    assertEquals(0, rows(elsewhere, "remboursement dupont sarl"), "not another client's insight");
    browser.get("/search?workspace=ailleurs&q=" + q("remboursement Dupont SARL"));
    assertEquals(1, rows(elsewhere, "remboursement dupont sarl"), "a search of that client's");
    // Opening a hit says which client it was about: recorded there, with the hit.
    Matcher acrossLink = Pattern.compile("class=\"hit-title\" href=\"([^\"]+)\"").matcher(across);
    assertTrue(acrossLink.find(), across);
    browser.get(acrossLink.group(1).replace("&amp;", "&"));
    assertEquals(1, rows(office, "congé maternité"), "folded and collapsed");
    assertEquals(0, rows(elsewhere, "congé maternité"));
    db.deleteFrom(SEARCH_LOG).where(SEARCH_LOG.QUERY.eq("congé maternité")).execute();

    String page = browser.get("/search?workspace=bureau&q=" + q("Congé  Maternité")).body();
    assertEquals(1, rows(office, "congé maternité"), "narrowed to one client: recorded");
    var row =
        db.selectFrom(SEARCH_LOG)
            .where(SEARCH_LOG.WORKSPACE_ID.eq(office.id()))
            .and(SEARCH_LOG.QUERY.eq("congé maternité"))
            .fetchOne();
    assertEquals(1, row.getHits());
    assertNull(row.getOpened());
    assertFalse(
        db
            .fetch(
                "select column_name from information_schema.columns where table_name = 'search_log'")
            .getValues(0, String.class)
            .stream()
            .anyMatch(c -> c.contains("account")),
        "no person is recorded");

    Matcher link = Pattern.compile("class=\"hit-title\" href=\"([^\"]+)\"").matcher(page);
    assertTrue(link.find(), page);
    var opened = browser.get(link.group(1).replace("&amp;", "&"));
    assertEquals(303, opened.statusCode());
    assertTrue(
        opened.headers().firstValue("Location").orElseThrow().startsWith("/w/bureau/m/paie"));
    assertEquals(
        "paie/maternite",
        db.select(SEARCH_LOG.OPENED)
            .from(SEARCH_LOG)
            .where(SEARCH_LOG.ID.eq(row.getId()))
            .fetchOne(SEARCH_LOG.OPENED));
    // Back to the results, the same hit (or another) opened again: still one search.
    assertEquals(303, browser.get(link.group(1).replace("&amp;", "&")).statusCode());
    assertEquals(1, rows(office, "congé maternité"));

    // A hit opened from the results shown as one types is a search of its own.
    String typed = browser.get("/search/results?q=" + q("maternite")).body();
    Matcher typedLink = Pattern.compile("class=\"hit-title\" href=\"([^\"]+)\"").matcher(typed);
    assertTrue(typedLink.find(), typed);
    String typedUrl = typedLink.group(1).replace("&amp;", "&");
    browser.get(typedUrl);
    assertEquals(1, rows(office, "maternite"));
    // A link this server did not show the reader (another site's, or words changed) still opens
    // the hit and records nothing: it is a GET any page can send a member's browser to.
    var forged = browser.get(typedUrl.replace("q=maternite", "q=" + q("achetez ici")));
    assertEquals(303, forged.statusCode());
    var unsigned = browser.get(typedUrl.replaceAll("&sig=[0-9a-f]+", ""));
    assertEquals(303, unsigned.statusCode());
    assertEquals(0, rows(office, "achetez ici"));
    assertEquals(1, rows(office, "maternite"));
    assertEquals(
        303,
        app.signedIn(office, Role.ASSISTANT).get(typedUrl).statusCode(),
        "another member's session");
    assertEquals(1, rows(office, "maternite"));

    // Nobody is sent outside their workspaces.
    assertEquals(400, browser.get("/search/go?to=" + q("/w/secret/m/x") + "&q=x").statusCode());
    assertEquals(400, browser.get("/search/go?to=" + q("https://evil.example/")).statusCode());
  }

  @Test
  void owners_and_editors_see_what_was_not_found_assistants_do_not() {
    Browser assistant = app.signedIn(office, Role.ASSISTANT);
    assistant.get("/search?q=" + q("licorne rose"));
    assistant.get("/search?q=" + q("licorne rose"));
    assistant.get("/search?q=" + q("paie"));
    Browser editor = app.signedIn(office, Role.EDITOR);
    String page = editor.get("/w/bureau/insights").body();
    assertTrue(page.contains("licorne rose"), page);
    assertTrue(page.contains("Searched and not found"), page);
    assertEquals(403, assistant.get("/w/bureau/insights").statusCode());
    Browser otherEditor = app.signedIn(elsewhere, Role.EDITOR);
    assertFalse(otherEditor.get("/w/ailleurs/insights").body().contains("licorne"));

    var insights = app.app().insights().insights(office, Role.EDITOR, 30);
    assertEquals("licorne rose", insights.withoutResult().get(0).query());
    assertEquals(2, insights.withoutResult().get(0).searches());
    String digest = app.app().insights().digest(office.id(), "en");
    assertTrue(digest.contains("\"licorne rose\" (2)"), digest);
    assertFalse(digest.contains("paie"), "found searches are not in the digest");
  }

  @Test
  void searches_older_than_the_retention_are_deleted() {
    Browser assistant = app.signedIn(office, Role.ASSISTANT);
    assistant.get("/search?q=" + q("vieille recherche"));
    assistant.get("/search?q=" + q("recherche récente"));
    db.update(SEARCH_LOG)
        .set(SEARCH_LOG.AT, OffsetDateTime.now().minusDays(91))
        .where(SEARCH_LOG.QUERY.eq("vieille recherche"))
        .execute();
    assertTrue(app.app().insights().purge() >= 1);
    assertEquals(0, rows(office, "vieille recherche"));
    assertEquals(1, rows(office, "recherche récente"));
  }
}
