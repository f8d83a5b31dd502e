package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.SYNONYM_LIST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Archives;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Each workspace's synonyms, over the built-in list, across French and English. */
class SynonymTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestApp app;
  private static Workspace alpha;
  private static Workspace beta;
  private static Browser alphaEditor;
  private static String readerOfBoth;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    alpha = app.workspace("alpha");
    beta = app.workspace("beta");
    for (Workspace w : List.of(alpha, beta)) {
      publish(
          w,
          "Compta " + w.slug(),
          "fr",
          "## Rapprochement bancaire {#rapprochement}\nPointer chaque relevé avec le grand livre.\n\n"
              + "## Carte {#carte}\nPayer par carte bancaire de la société.\n");
      publish(
          w,
          "Travel " + w.slug(),
          "en",
          "## Cancelled flight {#cancelled}\nCall the airline, then rebook.\n");
    }
    app.app().indexer().catchUp();
    alphaEditor = app.signedIn(alpha, Role.EDITOR);
    Account both = app.account(alpha, Role.ASSISTANT);
    app.app()
        .services()
        .memberships()
        .addMember(beta, both.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
    readerOfBoth = app.app().services().tokens().create(both.id(), "search");
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static void publish(Workspace w, String title, String language, String text) {
    app.app()
        .services()
        .manuals()
        .create(
            w,
            new Draft(title, language, List.of(), "", text, null, "", false, true),
            null,
            Actor.SYSTEM);
  }

  /** Where the hits of a search lead: "workspace/manual#procedure". */
  private static List<String> hits(String query) throws Exception {
    var answer =
        app.getWithBearer(
            "/api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), readerOfBoth);
    assertEquals(200, answer.statusCode(), answer.body());
    List<String> where = new ArrayList<>();
    for (JsonNode hit : JSON.readTree(answer.body()).get("hits")) {
      where.add(hit.get("workspace").asText() + "#" + hit.get("procedure").asText());
    }
    return where;
  }

  private static void save(String text) {
    var saved = alphaEditor.post("/w/alpha/synonyms", TestApp.form("text", text));
    assertEquals(200, saved.statusCode(), saved.body());
  }

  @Test
  void a_workspaces_list_changes_its_results_and_not_anothers_at_once() throws Exception {
    save("");
    // Bookkeepers' "pointer" (checking each line off): no built-in line has it.
    assertFalse(hits("tick off ").contains("alpha#rapprochement"));
    save("pointer = tick off = tick\ncb => carte bancaire\n");
    // No reindex: the next search uses it.
    List<String> found = hits("tick off ");
    assertTrue(found.contains("alpha#rapprochement"), found.toString());
    assertFalse(found.contains("beta#rapprochement"), "beta has no such list: " + found);

    // French words for an English procedure.
    save("compagnie aérienne = airline\n");
    List<String> flights = hits("compagnie aérienne ");
    assertTrue(flights.contains("alpha#cancelled"), flights.toString());
    assertFalse(flights.contains("beta#cancelled"), flights.toString());
  }

  @Test
  void the_built_in_list_joins_french_and_english_for_every_workspace() throws Exception {
    List<String> found = hits("bank reconciliation ");
    assertTrue(found.contains("alpha#rapprochement"), found.toString());
    assertTrue(found.contains("beta#rapprochement"), found.toString());
  }

  @Test
  void a_one_way_line_widens_its_left_side_only() throws Exception {
    // "tpe" (a card terminal) is in no built-in line: only alpha's list makes it find the card.
    save("tpe => carte bancaire\n");
    assertTrue(hits("tpe ").contains("alpha#carte"), "tpe finds carte bancaire");
    assertFalse(hits("tpe ").contains("beta#carte"));
  }

  @Test
  void an_unreadable_line_is_refused_with_its_number_and_the_text_kept() {
    var refused =
        alphaEditor.post("/w/alpha/synonyms", TestApp.form("text", "cb, carte bancaire\nseul\n"));
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("line 2"), refused.body());
    assertTrue(refused.body().contains("cb, carte bancaire"), "the text is kept");
    Browser assistant = app.signedIn(alpha, Role.ASSISTANT);
    assertEquals(403, assistant.get("/w/alpha/synonyms").statusCode());
  }

  @Test
  void a_line_of_thousands_of_words_is_refused_at_once_not_held_in_memory() {
    // Every entry keeps all the others of its line: 7,000 words were 49 million of them.
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 7_000; i++) {
      words.append(i == 0 ? "" : ", ").append("w").append(i);
    }
    var refused = alphaEditor.post("/w/alpha/synonyms", TestApp.form("text", "ok, fine\n" + words));
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("line 2: a line lists at most 20 ways"), refused.body());

    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 41; i++) {
      lines.append("cb, carte").append(i).append('\n');
    }
    refused = alphaEditor.post("/w/alpha/synonyms", TestApp.form("text", lines.toString()));
    assertEquals(400, refused.statusCode());
    assertTrue(
        refused.body().contains("line 41: \"cb\" has more than 40 other ways"), refused.body());
  }

  @Test
  void two_first_lists_saved_at_once_are_one_list_and_one_conflict() throws Exception {
    Workspace gamma = app.workspace("gamma");
    List<Browser> editors =
        List.of(app.signedIn(gamma, Role.EDITOR), app.signedIn(gamma, Role.EDITOR));
    List<String> bases = new ArrayList<>();
    for (Browser editor : editors) {
      Matcher base =
          Pattern.compile("name=\"base\" value=\"([^\"]*)\"")
              .matcher(editor.get("/w/gamma/synonyms").body());
      assertTrue(base.find());
      bases.add(base.group(1));
    }
    var pool = Executors.newFixedThreadPool(2);
    try {
      var start = new CountDownLatch(1);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Browser editor = editors.get(i);
        String text = "mot" + i + " = autre" + i + "\n";
        String base = bases.get(i);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return editor
                      .post("/w/gamma/synonyms", TestApp.form("text", text, "base", base))
                      .statusCode();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      statuses.sort(null);
      assertEquals(List.of(200, 409), statuses, "one saved, the other told, none lost silently");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void two_editors_saving_the_list_one_after_the_other_get_a_conflict_not_a_loss() {
    save("rdv = rendez-vous\n");
    Browser other = app.signedIn(alpha, Role.EDITOR);
    String mine = alphaEditor.get("/w/alpha/synonyms").body();
    String theirs = other.get("/w/alpha/synonyms").body();
    Matcher base = Pattern.compile("name=\"base\" value=\"([^\"]+)\"").matcher(theirs);
    assertTrue(base.find(), theirs);
    var first =
        other.post(
            "/w/alpha/synonyms",
            TestApp.form(
                "text",
                "rdv = rendez-vous\nnote de frais = expense report\n",
                "base",
                base.group(1)));
    assertEquals(200, first.statusCode(), first.body());

    Matcher myBase = Pattern.compile("name=\"base\" value=\"([^\"]+)\"").matcher(mine);
    assertTrue(myBase.find(), mine);
    var late =
        alphaEditor.post(
            "/w/alpha/synonyms",
            TestApp.form(
                "text", "rdv = rendez-vous\ncb => carte bancaire\n", "base", myBase.group(1)));
    assertEquals(409, late.statusCode(), late.body());
    assertTrue(late.body().contains("cb =&gt; carte bancaire"), "my text is kept: " + late.body());
    assertTrue(late.body().contains("note de frais = expense report"), "theirs is shown");
    assertEquals(
        "rdv = rendez-vous\nnote de frais = expense report\n",
        alphaEditor.get("/w/alpha/synonyms.txt").body(),
        "theirs stays saved");

    // Saving again from the conflict page replaces theirs, knowingly.
    Matcher again = Pattern.compile("name=\"base\" value=\"([^\"]+)\"").matcher(late.body());
    assertTrue(again.find());
    var replaced =
        alphaEditor.post(
            "/w/alpha/synonyms",
            TestApp.form(
                "text", "rdv = rendez-vous\ncb => carte bancaire\n", "base", again.group(1)));
    assertEquals(200, replaced.statusCode(), replaced.body());
    assertEquals(
        "rdv = rendez-vous\ncb => carte bancaire\n",
        alphaEditor.get("/w/alpha/synonyms.txt").body());
  }

  @Test
  void a_stored_list_that_todays_rules_refuse_leaves_searching_to_the_built_in_list() {
    Workspace gamma = app.workspace("ancienne-liste");
    publish(gamma, "Compta ancienne", "fr", "## Rapprochement bancaire\nPointer chaque relevé.\n");
    app.app().indexer().catchUp();
    // Saved before the limit of 20 words a line existed.
    StringBuilder line = new StringBuilder("relevé");
    for (int i = 0; i < Synonyms.MAX_PER_LINE + 5; i++) {
      line.append(", mot").append(i);
    }
    app.app()
        .services()
        .database()
        .dsl()
        .insertInto(SYNONYM_LIST)
        .set(SYNONYM_LIST.WORKSPACE_ID, gamma.id())
        .set(SYNONYM_LIST.TEXT, line + "\n")
        .execute();
    Browser reader = app.signedIn(gamma, Role.ASSISTANT);
    var found =
        reader.get("/search?q=" + URLEncoder.encode("rapprochement", StandardCharsets.UTF_8));
    assertEquals(200, found.statusCode(), found.body());
    assertTrue(found.body().contains("Rapprochement bancaire"), found.body());
    // Its editors find it on the synonyms page, to mend it.
    var page = app.signedIn(gamma, Role.EDITOR).get("/w/ancienne-liste/synonyms");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("mot24"), page.body());
    assertTrue(page.body().contains("name=\"base\" value=\""), page.body());
  }

  @Test
  void a_refused_file_can_be_mended_in_the_form_and_saved() {
    save("rdv = rendez-vous\n");
    var refused =
        alphaEditor.upload(
            "/w/alpha/synonyms",
            "synonyms.txt",
            "cb, carte bancaire\nseul\n".getBytes(StandardCharsets.UTF_8),
            TestApp.form());
    assertEquals(400, refused.statusCode(), refused.body());
    Matcher base = Pattern.compile("name=\"base\" value=\"([^\"]+)\"").matcher(refused.body());
    assertTrue(base.find(), "the form knows which list it starts from: " + refused.body());
    var mended =
        alphaEditor.post(
            "/w/alpha/synonyms",
            TestApp.form("text", "cb, carte bancaire\n", "base", base.group(1)));
    assertEquals(200, mended.statusCode(), mended.body());
    assertEquals("cb, carte bancaire\n", alphaEditor.get("/w/alpha/synonyms.txt").body());
  }

  @Test
  void the_list_goes_out_and_comes_back_as_a_file() {
    save("note de frais, expense report\n");
    var file = alphaEditor.get("/w/alpha/synonyms.txt");
    assertEquals(200, file.statusCode());
    assertEquals("note de frais, expense report\n", file.body());
    var uploaded =
        alphaEditor.upload(
            "/w/alpha/synonyms",
            "synonyms.txt",
            "rdv, rendez-vous, appointment\n".getBytes(StandardCharsets.UTF_8),
            TestApp.form());
    assertEquals(200, uploaded.statusCode(), uploaded.body());
    assertEquals(
        "rdv, rendez-vous, appointment\n", alphaEditor.get("/w/alpha/synonyms.txt").body());
    // The file form sent without a file (a script, a browser ignoring "required") keeps the list.
    var none =
        alphaEditor.upload(
            "/w/alpha/synonyms", "", "".getBytes(StandardCharsets.UTF_8), TestApp.form());
    assertEquals(400, none.statusCode(), none.body());
    assertEquals(
        "rdv, rendez-vous, appointment\n", alphaEditor.get("/w/alpha/synonyms.txt").body());
    var binary =
        alphaEditor.upload(
            "/w/alpha/synonyms",
            "synonyms.txt",
            new byte[] {(byte) 0xff, (byte) 0xfe, 0x41},
            TestApp.form());
    assertEquals(400, binary.statusCode());
    assertTrue(binary.body().contains("synonyms.txt is not UTF-8"), binary.body());

    // Notepad's byte order mark is not part of the first entry.
    var withBom =
        alphaEditor.upload(
            "/w/alpha/synonyms",
            "synonyms.txt",
            "\uFEFFtpe => carte bancaire\n".getBytes(StandardCharsets.UTF_8),
            TestApp.form());
    assertEquals(200, withBom.statusCode(), withBom.body());
    assertEquals("tpe => carte bancaire\n", alphaEditor.get("/w/alpha/synonyms.txt").body());
    // An empty file is a mistake, not a way to clear the list.
    var empty = alphaEditor.upload("/w/alpha/synonyms", "vide.txt", new byte[0], TestApp.form());
    assertEquals(400, empty.statusCode());
    assertEquals("tpe => carte bancaire\n", alphaEditor.get("/w/alpha/synonyms.txt").body());
  }

  @Test
  void the_api_does_not_empty_the_list_when_the_text_is_left_out() {
    save("rdv = rendez-vous\n");
    String owner = app.app().services().tokens().create(app.account(alpha, Role.OWNER).id(), "t");
    var refused = app.api(owner, "POST", "/api/v1/workspaces/alpha/synonyms", "{}");
    assertEquals(400, refused.statusCode(), refused.body());
    // Generated clients send null for a field not set: left out too.
    var nulled = app.api(owner, "POST", "/api/v1/workspaces/alpha/synonyms", "{\"text\":null}");
    assertEquals(400, nulled.statusCode(), nulled.body());
    assertEquals("rdv = rendez-vous\n", alphaEditor.get("/w/alpha/synonyms.txt").body());
  }

  /** Read, then saved with the base read: a list saved by someone in between is a 409. */
  @Test
  void an_api_save_with_the_base_read_does_not_overwrite_a_list_saved_since() throws Exception {
    save("rdv = rendez-vous\n");
    String owner = app.app().services().tokens().create(app.account(alpha, Role.OWNER).id(), "b");
    var read = app.api(owner, "GET", "/api/v1/workspaces/alpha/synonyms", null);
    String base = new ObjectMapper().readTree(read.body()).get("base").asText();
    save("rdv = rendez-vous\ncb = carte bancaire\n");
    var stale =
        app.api(
            owner,
            "POST",
            "/api/v1/workspaces/alpha/synonyms",
            "{\"text\":\"tpe = terminal\\n\",\"base\":\"" + base + "\"}");
    assertEquals(409, stale.statusCode(), stale.body());
    assertEquals(
        "rdv = rendez-vous\ncb = carte bancaire\n",
        alphaEditor.get("/w/alpha/synonyms.txt").body(),
        "the list saved since is kept");
    String fresh =
        new ObjectMapper()
            .readTree(app.api(owner, "GET", "/api/v1/workspaces/alpha/synonyms", null).body())
            .get("base")
            .asText();
    var saved =
        app.api(
            owner,
            "POST",
            "/api/v1/workspaces/alpha/synonyms",
            "{\"text\":\"tpe = terminal\\n\",\"base\":\"" + fresh + "\"}");
    assertEquals(200, saved.statusCode(), saved.body());
  }

  @Test
  void the_workspace_export_carries_the_list_and_an_import_brings_it_back() throws Exception {
    save("grand livre = general ledger\n");
    var export = alphaEditor.getBytes("/w/alpha/export.zip");
    assertEquals(200, export.statusCode());
    String carried = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.body()))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.getName().equals("synonyms.txt")) {
          carried = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    assertEquals("grand livre = general ledger\n", carried);

    Browser betaEditor = app.signedIn(beta, Role.EDITOR);
    byte[] archive =
        Archives.zip(
            Map.of(
                "synonyms.txt", carried.getBytes(StandardCharsets.UTF_8),
                "compta.md",
                    "## Clôture\nLe grand livre est clos.\n".getBytes(StandardCharsets.UTF_8)));
    betaEditor.get("/w/beta/import");
    var preview =
        betaEditor.upload("/w/beta/import", "export.zip", archive, Map.of("language", ""));
    assertEquals(200, preview.statusCode(), preview.body());
    Matcher confirm = Pattern.compile("action=\"(/w/beta/import/[^\"]+)\"").matcher(preview.body());
    assertTrue(confirm.find(), preview.body());
    // The preview says that the workspace's own list would be replaced.
    assertTrue(
        preview.body().contains("<code>synonyms.txt</code>")
            && preview.body().contains("synonym list</li>"),
        preview.body());
    String report = betaEditor.post(confirm.group(1), TestApp.form()).body();
    assertTrue(report.contains("<code>synonyms.txt</code>"), report);
    assertEquals("grand livre = general ledger\n", betaEditor.get("/w/beta/synonyms.txt").body());
    // The same list again changes nothing, and says so.
    var again = betaEditor.upload("/w/beta/import", "export.zip", archive, Map.of("language", ""));
    assertFalse(again.body().contains("synonym list"), again.body());

    // A list that cannot be read stops the import before anything is saved, naming its line.
    byte[] broken =
        Archives.zip(
            Map.of(
                "synonyms.txt", "cb, carte\nseul\n".getBytes(StandardCharsets.UTF_8),
                "autre.md", "## Autre\nTexte.\n".getBytes(StandardCharsets.UTF_8)));
    betaEditor.get("/w/beta/import");
    var refused = betaEditor.upload("/w/beta/import", "export.zip", broken, Map.of("language", ""));
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("synonyms.txt, line 2"), refused.body());
  }
}
