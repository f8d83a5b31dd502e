package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

/** A search that finds too little with every word is relaxed, says so, and suggests spellings. */
class SearchRelaxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestApp app;
  private static Browser reader;
  private static String token;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    Workspace office = app.workspace("office");
    Workspace other = app.workspace("other");
    publish(
        office,
        "HR",
        "en",
        "## Sick leave {#sick-leave}\nSend the medical certificate to HR within two days.\n\n"
            + "## Expense note {#expense-note}\nFill in the expense note with every invoice.\n\n"
            + "## Receipts {#receipts}\nKeep each invoice receipt in the blue folder.\n");
    publish(
        office,
        "Comptabilité",
        "fr",
        "## Saisir une facture {#facture}\nChaque facture fournisseur est saisie le lundi.\n");
    publish(
        other,
        "Secret",
        "fr",
        "## Projet {#projet}\nLe projet confidentialissime de l'autre cabinet.\n");
    app.app().indexer().catchUp();
    Account account = app.account(office, Role.ASSISTANT);
    reader = app.browser();
    reader.login(account.email(), TestApp.PASSWORD);
    reader.ready();
    token = app.app().services().tokens().create(account.id(), "search");
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static void publish(Workspace workspace, String title, String language, String text) {
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft(title, language, List.of(), "", text, null, "", false, true),
            null,
            Actor.SYSTEM);
  }

  private static String page(String query) {
    return reader
        .get("/search/results?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
        .body();
  }

  private static JsonNode api(String query) throws Exception {
    var answer =
        app.getWithBearer(
            "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), token);
    assertEquals(200, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }

  @Test
  void a_word_no_procedure_holds_is_dropped_and_the_page_says_so() throws Exception {
    String html = page("vacation note ");
    assertTrue(html.contains("Expense note"), html);
    assertTrue(
        html.contains("No procedure contains &#39;vacation&#39;")
            || html.contains("No procedure contains 'vacation'"),
        html);
    JsonNode json = api("vacation note ");
    assertTrue(json.get("relaxed").asBoolean());
    assertEquals("vacation", json.get("ignoredWords").get(0).asText());
    assertEquals("expense-note", json.get("hits").get(0).get("procedure").asText());
  }

  @Test
  void a_word_nothing_in_the_index_comes_near_is_named_too() throws Exception {
    // No word of the index is a typo away from "zyqwv", and it has no synonym: left out of the
    // query, it went unsaid, and the page showed the hits for the other word as if complete.
    for (String query : List.of("zyqwv note ", "expense zyqwv ")) {
      JsonNode json = api(query);
      assertTrue(json.get("relaxed").asBoolean(), json.toString());
      assertEquals("zyqwv", json.get("ignoredWords").get(0).asText(), json.toString());
      assertEquals("expense-note", json.get("hits").get(0).get("procedure").asText());
      String html = page(query);
      assertTrue(
          html.contains("No procedure contains &#39;zyqwv&#39;")
              || html.contains("No procedure contains 'zyqwv'"),
          html);
    }
    // From three words any word may be missing and none is named, as for a word another workspace
    // has: naming only those absent everywhere would tell what the other workspaces hold.
    JsonNode three = api("zyqwv expense note ");
    assertFalse(three.get("relaxed").asBoolean(), three.toString());
    assertEquals("expense-note", three.get("hits").get(0).get("procedure").asText());
  }

  @Test
  void a_word_only_another_workspace_uses_reads_as_a_word_no_workspace_uses() throws Exception {
    // "confidentialissime" is in the other workspace only; "zyqwvkrt" is nowhere. The reader must
    // not tell the two apart: not by the total, the hits, their order, or what the page says.
    for (String rest : List.of(" invoice ", " expense invoice ", " expense invoice receipt ")) {
      JsonNode elsewhere = api("confidentialissime" + rest);
      JsonNode nowhere = api("zyqwvkrt" + rest);
      assertEquals(elsewhere.get("total"), nowhere.get("total"), rest);
      assertEquals(elsewhere.get("relaxed"), nowhere.get("relaxed"), rest);
      assertEquals(
          elsewhere.get("ignoredWords").toString().replace("confidentialissime", "zyqwvkrt"),
          nowhere.get("ignoredWords").toString(),
          rest);
      List<String> first = new ArrayList<>();
      List<String> second = new ArrayList<>();
      elsewhere.get("hits").forEach(h -> first.add(h.get("procedure").asText()));
      nowhere.get("hits").forEach(h -> second.add(h.get("procedure").asText()));
      assertEquals(first, second, rest);
    }
  }

  @Test
  void words_that_never_meet_show_the_best_partial_matches() throws Exception {
    // "sick" and "invoice" are both in the handbook, never in one procedure.
    JsonNode json = api("sick invoice ");
    assertTrue(json.get("relaxed").asBoolean(), json.toString());
    assertEquals(0, json.get("ignoredWords").size());
    List<String> found = new ArrayList<>();
    json.get("hits").forEach(h -> found.add(h.get("procedure").asText()));
    assertTrue(found.containsAll(List.of("sick-leave", "expense-note")), found.toString());
    assertTrue(page("sick invoice ").contains("No procedure contains all these words"));
  }

  @Test
  void the_few_hits_holding_every_word_come_first_and_the_page_says_how_many() throws Exception {
    // Found by the exploratory tests: one procedure held both words, and the page said none did.
    JsonNode json = api("expense invoice ");
    assertTrue(json.get("relaxed").asBoolean(), json.toString());
    assertEquals("expense-note", json.get("hits").get(0).get("procedure").asText());
    List<String> found = new ArrayList<>();
    json.get("hits").forEach(h -> found.add(h.get("procedure").asText()));
    assertTrue(found.contains("receipts"), found.toString());
    String html = page("expense invoice ");
    assertTrue(html.contains("Only 1 procedure contains all these words"), html);
    assertFalse(html.contains("No procedure contains"), html);
  }

  @Test
  void a_search_every_word_of_which_matches_is_not_relaxed() throws Exception {
    JsonNode json = api("medical certificate ");
    assertFalse(json.get("relaxed").asBoolean());
    assertEquals(0, json.get("ignoredWords").size());
    assertTrue(json.get("suggestion").isNull());
    assertEquals("sick-leave", json.get("hits").get(0).get("procedure").asText());
  }

  @Test
  void a_misspelt_word_gets_a_suggestion_from_the_readers_own_procedures() throws Exception {
    JsonNode json = api("fakturre ");
    assertEquals(0, json.get("total").asInt());
    assertEquals("facture ", json.get("suggestion").asText());
    String html = page("fakturre ");
    assertTrue(html.contains("Did you mean"), html);
    assertTrue(html.contains("q=facture"), html);
  }

  @Test
  void a_word_only_another_workspace_uses_is_never_suggested() throws Exception {
    JsonNode json = api("confidentialisime ");
    assertEquals(0, json.get("total").asInt());
    assertTrue(
        json.get("suggestion").isNull()
            || !json.get("suggestion").asText().contains("confidentialissime"),
        json.toString());
  }

  @Test
  void a_word_with_a_minus_rules_hits_out() throws Exception {
    JsonNode all = api("note ");
    assertEquals("expense-note", all.get("hits").get(0).get("procedure").asText());
    JsonNode without = api("note -invoices ");
    for (JsonNode hit : without.get("hits")) {
      assertFalse(hit.get("procedure").asText().equals("expense-note"), without.toString());
    }
    JsonNode sick = api("certificate -invoice");
    assertEquals("sick-leave", sick.get("hits").get(0).get("procedure").asText());
    // Quoted phrases keep working beside it.
    JsonNode phrase = api("\"medical certificate\" -invoice");
    assertEquals("sick-leave", phrase.get("hits").get(0).get("procedure").asText());
  }

  @Test
  void nothing_plausible_still_says_nothing_found() throws Exception {
    JsonNode json = api("xyzzy plugh ");
    assertEquals(0, json.get("total").asInt());
    assertFalse(json.get("relaxed").asBoolean());
    String html = page("xyzzy plugh ");
    assertTrue(html.contains("No procedure matches"), html);
  }
}
