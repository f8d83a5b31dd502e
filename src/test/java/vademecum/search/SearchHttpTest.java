package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.manual.ManualService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Search over real HTTP and the real index: analysis, permissions, drafts, freshness. */
class SearchHttpTest {
  private static TestApp app;
  private static Workspace moreau;
  private static Workspace durand;
  private static ManualService manuals;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    manuals = app.app().services().manuals();
    moreau = app.workspace("moreau");
    durand = app.workspace("durand");
    publish(
        moreau,
        "Voyages",
        "fr",
        "## Réserver un vol {#vols}\nPour M. Dupont : réserver le vol en classe économique, jamais avant 7 h.\n\n## Congé maternité\nDéclarer le congé maternité à la paie.\n\n## Réunions d'équipe\nL'équipe se retrouve le lundi.\n");
    publish(
        moreau,
        "Expenses",
        "en",
        List.of("voyage", "finance"),
        "## Booking flights\nBook the flight on the travel tool. The team's budget applies.\n\n## Computer buyback program\nBuy your old laptop back.\n");
    publish(
        durand,
        "Secrets de Durand",
        "fr",
        "## Réserver un vol confidentiel\nProcédure privée du cabinet Durand.\n");
    app.app().indexer().catchUp();
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static void publish(Workspace workspace, String title, String language, String markdown) {
    publish(workspace, title, language, List.of("voyage"), markdown);
  }

  private static void publish(
      Workspace workspace, String title, String language, List<String> tags, String markdown) {
    manuals.create(
        workspace,
        new Draft(title, language, tags, "", markdown, null, "", false, true),
        null,
        Actor.SYSTEM);
  }

  private static SearchResults search(Workspace workspace, String query) {
    return new Searcher(app.app().searchIndex())
        .search(new SearchRequest(query, Set.of(workspace.slug()), null, null, null, 10, 0));
  }

  private static List<String> titles(Workspace workspace, String query) {
    return search(workspace, query).hits().stream().map(SearchHit::title).toList();
  }

  @Test
  void french_analysis_folds_accents_elides_and_stems() {
    assertEquals("Congé maternité", titles(moreau, "conge maternite").get(0));
    assertEquals("Réunions d'équipe", titles(moreau, "réunion").get(0));
    assertEquals("Réunions d'équipe", titles(moreau, "l'équipe").get(0));
    assertEquals(
        "Réserver un vol", titles(moreau, "comment je réserve un vol pour M. Dupont ?").get(0));
  }

  @Test
  void english_analysis_stems_and_handles_possessives() {
    assertEquals("Booking flights", titles(moreau, "booked flight").get(0));
    assertEquals("Booking flights", titles(moreau, "teams budget").get(0));
  }

  @Test
  void typos_prefixes_and_phrases_match() {
    assertEquals("Congé maternité", titles(moreau, "conge maternnite").get(0));
    assertEquals("Computer buyback program", titles(moreau, "computer buyb").get(0));
    String snippet = search(moreau, "computer buyb").hits().get(0).snippet();
    assertTrue(snippet.contains("<mark>buyback</mark>"), "a completion is marked: " + snippet);
    // A last word no indexed word starts with is not a word being typed: it may be missing.
    assertEquals("Réserver un vol", titles(moreau, "vol économique oubliez").get(0));
    assertEquals("Réserver un vol", titles(moreau, "\"classe économique\"").get(0));
    assertTrue(titles(moreau, "\"économique classe\"").isEmpty(), "a phrase keeps its word order");
  }

  @Test
  void a_member_of_one_workspace_never_sees_another_workspaces_procedures() {
    assertFalse(titles(moreau, "vol confidentiel Durand").contains("Réserver un vol confidentiel"));
    Browser member = app.signedIn(moreau, Role.ASSISTANT);
    String page =
        member
            .get("/search?q=" + URLEncoder.encode("vol confidentiel", StandardCharsets.UTF_8))
            .body();
    assertFalse(page.contains("confidentiel</a>"), page);
    String vol = member.get("/search?q=vol").body();
    assertTrue(vol.contains(">Réserver un vol</a>"), vol);
    assertFalse(vol.contains("confidentiel</a>"), vol);

    Account account = app.account(moreau, Role.RECRUITER);
    String token = app.app().services().tokens().create(account.id(), "test");
    var api = app.getWithBearer("/api/v1/search?q=vol", token);
    assertEquals(200, api.statusCode());
    assertTrue(api.body().contains("\"workspace\":\"moreau\""), api.body());
    assertFalse(api.body().contains("durand"), api.body());
    var asked = app.getWithBearer("/api/v1/search?q=vol&workspace=durand", token);
    assertTrue(
        asked.body().startsWith("{\"total\":0"),
        "asking for another workspace gives nothing: " + asked.body());
  }

  @Test
  void drafts_are_never_indexed_and_a_publish_replaces_the_old_version() {
    var created =
        manuals.create(
            moreau,
            new Draft(
                "Brouillon",
                "fr",
                List.of(),
                "",
                "## Procédure secrète\nTexte zanzibar.\n",
                null,
                "",
                false,
                false),
            null,
            Actor.SYSTEM);
    app.app().indexer().catchUp();
    assertTrue(titles(moreau, "zanzibar").isEmpty(), "a draft is not searchable");

    manuals.publish(moreau, created.manual().slug(), 1, false, Actor.SYSTEM);
    app.app().indexer().catchUp();
    assertEquals(List.of("Procédure secrète"), titles(moreau, "zanzibar"));

    manuals.save(
        moreau,
        created.manual().slug(),
        new Draft(
            "Brouillon",
            "fr",
            List.of(),
            "",
            "## Procédure publique\nTexte kilimandjaro.\n",
            1,
            "",
            false,
            true),
        Actor.SYSTEM);
    app.app().indexer().catchUp();
    assertTrue(titles(moreau, "zanzibar").isEmpty(), "the superseded version is gone");
    assertEquals(List.of("Procédure publique"), titles(moreau, "kilimandjaro"));
  }

  @Test
  void a_publish_becomes_searchable_within_a_second_without_help() throws Exception {
    publish(moreau, "Fraîcheur", "fr", "## Vérifier le coffre\nMot témoin : ornithorynque.\n");
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (titles(moreau, "ornithorynque").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of("Vérifier le coffre"), titles(moreau, "ornithorynque"));
  }

  @Test
  void hits_carry_a_highlighted_escaped_snippet_and_a_link_to_the_anchor() {
    SearchHit hit = search(moreau, "Dupont").hits().get(0);
    assertEquals("/w/moreau/m/voyages#vols", hit.url());
    assertTrue(hit.snippet().contains("<mark>Dupont</mark>"), hit.snippet());
    assertEquals("Voyages", hit.manualTitle());
    SearchResults results = search(moreau, "vol");
    assertEquals(results.total(), results.byWorkspace().get("moreau"));
  }

  @Test
  void hostile_queries_never_answer_500() {
    Browser member = app.signedIn(moreau, Role.ASSISTANT);
    for (String query :
        List.of(
            "\"",
            "AND OR",
            "*",
            "\\",
            "((",
            "a) OR (b",
            "title:x^9~2",
            "\"unbalanced",
            "%",
            "' OR 1=1 --",
            "<script>alert(1)</script>")) {
      var response = member.get("/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
      assertEquals(200, response.statusCode(), query);
      assertFalse(response.body().contains("<script>alert"), query);
    }
    var huge = member.get("/search?q=" + "a".repeat(1001));
    assertEquals(400, huge.statusCode());
    assertTrue(huge.body().contains("1000"));
    Account account = app.account(moreau, Role.ASSISTANT);
    String token = app.app().services().tokens().create(account.id(), "t");
    assertEquals(
        400, app.getWithBearer("/api/v1/search?q=" + "a".repeat(1001), token).statusCode());
    assertEquals(400, app.getWithBearer("/api/v1/search?q=vol&limit=abc", token).statusCode());
    // An offset the API cannot honour is refused: read as 0, a script paging until an empty
    // page got the first page again for ever.
    for (String offset : List.of("abc", "-1", "1.5", "999999", "1001")) {
      assertEquals(
          400,
          app.getWithBearer("/api/v1/search?q=vol&offset=" + offset, token).statusCode(),
          offset);
    }
    assertEquals(200, app.getWithBearer("/api/v1/search?q=vol&offset=1000", token).statusCode());
    assertEquals(200, app.getWithBearer("/api/v1/search?q=", token).statusCode());
  }

  @Test
  void the_search_page_works_without_javascript_and_as_you_type() {
    Browser member = app.signedIn(moreau, Role.ASSISTANT);
    var page = member.get("/search?q=vol");
    assertTrue(page.body().contains("<form method=\"get\" action=\"/search\""), "a plain GET form");
    assertTrue(page.body().contains("Réserver un vol"));
    var fragment = member.get("/search/results?q=vol");
    assertTrue(fragment.body().contains("Réserver un vol"));
    assertFalse(fragment.body().contains("<html"), "the fragment is only the results");
    // Manuals are counted by their title, as readers know them, not by their address.
    String facets = member.get("/search/results?q=book").body();
    facets = facets.substring(facets.indexOf("class=\"facets\""), facets.indexOf("</aside>"));
    assertTrue(facets.contains("manual=expenses\">Expenses</a>"), facets);
    // No result is said where the results would be, in the main column, not under the facets.
    String none = member.get("/search/results?q=zzzqqxw").body();
    assertTrue(
        none.matches(
            "(?s).*<div class=\"search-main\">\\s*<p class=\"empty\">No procedure matches.*"),
        none);
  }

  @Test
  void tags_on_hits_and_in_the_counts_narrow_the_search() {
    Browser member = app.signedIn(moreau, Role.ASSISTANT);
    String all = member.get("/search?q=book").body();
    // Both manuals say how to book ("réserver" in French): their tags are counted, and each hit
    // shows its manual's tags.
    String facets = all.substring(all.indexOf("class=\"facets\""), all.indexOf("</aside>"));
    assertTrue(facets.contains("href=\"/search?q=book&amp;tag=voyage\">voyage</a>"), facets);
    assertTrue(facets.contains("href=\"/search?q=book&amp;tag=finance\">finance</a>"), facets);
    String hits = all.substring(all.indexOf("search-main"), all.indexOf("class=\"facets\""));
    assertTrue(hits.contains("class=\"tag\" href=\"/search?q=book&amp;tag=finance\""), hits);
    assertTrue(hits.contains("Réserver un vol") && hits.contains("Booking flights"), hits);

    String narrowed = member.get("/search?q=book&tag=finance").body();
    String main =
        narrowed.substring(narrowed.indexOf("search-main"), narrowed.indexOf("class=\"facets\""));
    assertTrue(main.contains("Booking flights"), main);
    assertFalse(main.contains("Réserver un vol"), "the French manual has no finance tag");
    assertTrue(narrowed.contains("href=\"/search?q=book\">all tags</a>"), narrowed);

    // The API's hits carry their tags too.
    Account reader = app.account(moreau, Role.ASSISTANT);
    String token = app.app().services().tokens().create(reader.id(), "tags");
    var api = app.getWithBearer("/api/v1/search?q=book&tag=finance", token);
    assertEquals(200, api.statusCode(), api.body());
    assertTrue(api.body().contains("\"tags\":[\"voyage\",\"finance\"]"), api.body());
  }
}
