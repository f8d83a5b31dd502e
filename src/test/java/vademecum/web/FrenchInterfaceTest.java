package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.testing.TestApp.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.App;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.share.ShareService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/**
 * Issue 23: a French reader sees French only. Every page and every message after an action is read
 * as a person reads it (its visible text and the labels of its controls, not the manual's own text,
 * which is the client's), and any word that only the English texts use fails the test. The list of
 * such words comes from the bundles themselves, so a text written in English in the code (not
 * through the bundles) is caught as well as a key missing from the French bundle.
 */
class FrenchInterfaceTest {
  /** Names and terms both languages use as they are. */
  private static final Set<String> SAME_IN_BOTH =
      Set.of("vademecum", "markdown", "webhook", "webhooks", "loom", "youtube", "vimeo", "zapier");

  private static TestApp app;
  private static Browser owner;
  private static Browser assistant;
  private static Workspace office;
  private static Set<String> englishOnly;
  private static String manual;
  private static long shareId;

  private static String questionPath;
  private static String suggestionPath;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    App.Services services = app.app().services();
    englishOnly = englishOnlyWords();
    Account client =
        services
            .accounts()
            .create(
                "claire.moreau@cabinet.fr", "Claire Moreau", "fr", TestApp.PASSWORD, true, null);
    Account sophie =
        services
            .accounts()
            .create(
                "sophie.martin@cabinet.fr", "Sophie Martin", "fr", TestApp.PASSWORD, false, null);
    office =
        services
            .memberships()
            .createWorkspace("cabinet-moreau", "Cabinet Moreau", client.id(), client.id());
    services.memberships().addMember(office, sophie.id(), Role.ASSISTANT, client.id());
    var created =
        services
            .manuals()
            .create(
                office,
                new Draft(
                    "Déplacements",
                    "fr",
                    List.of("voyages"),
                    "",
                    "## Réserver un vol {#vol}\nToujours en **économique**.\n\n## Hôtel\nPrès du client.\n",
                    null,
                    "",
                    false,
                    true),
                null,
                new Actor(client.id(), "Claire Moreau"));
    manual = "/w/cabinet-moreau/m/" + created.manual().slug();
    services
        .manuals()
        .save(
            office,
            created.manual().slug(),
            new Draft(
                "Déplacements",
                "fr",
                List.of("voyages"),
                "",
                "## Réserver un vol {#vol}\nToujours en **premium**.\n\n## Hôtel\nPrès du client.\n",
                1,
                "",
                false,
                true),
            new Actor(client.id(), "Claire Moreau"));
    services
        .manuals()
        .restore(office, created.manual().slug(), 1, 2, false, new Actor(client.id(), "Claire"));
    services.shelf().createCollection(office, "Au quotidien", Actor.SYSTEM);
    shareId =
        services
            .shares()
            .create(
                office,
                new ShareService.Request(
                    created.manual().slug(), "Candidature de Léa", 7, List.of(), false),
                new Actor(client.id(), "Claire Moreau"))
            .link()
            .id();
    services.memberships().invite(office, "nouvelle@cabinet.fr", Role.ASSISTANT, client.id());
    services.tokens().create(client.id(), "Agenda partagé", 30);
    // Issue 24: a question answered and made public, a declined suggestion, a flag.
    Actor asSophie = new Actor(sophie.id(), "Sophie Martin");
    Actor asClaire = new Actor(client.id(), "Claire Moreau");
    var question =
        services
            .questions()
            .ask(
                office,
                Role.ASSISTANT,
                asSophie,
                created.manual().slug(),
                "vol",
                "",
                "Et les escales ?",
                null);
    services
        .questions()
        .reply(office, Role.OWNER, asClaire, question.id(), "Une seule au plus.", null);
    services.questions().setPublic(office, Role.OWNER, asClaire, question.id(), true);
    questionPath = question.url();
    var suggestion =
        services
            .suggestions()
            .propose(
                office,
                Role.ASSISTANT,
                asSophie,
                created.manual().slug(),
                "hotel",
                2,
                "## Hôtel\nÀ pied du client.\n",
                "Plus précis",
                null,
                null);
    services
        .suggestions()
        .decline(office, Role.OWNER, asClaire, suggestion.id(), "Pas toujours possible.");
    suggestionPath = suggestion.url();
    services
        .reviews()
        .flag(office, Role.ASSISTANT, asSophie, created.manual().slug(), "hotel", "Tarifs changés");
    owner = app.browser();
    owner.login(client.email(), TestApp.PASSWORD);
    assistant = app.browser();
    assistant.login(sophie.email(), TestApp.PASSWORD);
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  @Test
  void every_page_speaks_french_to_a_french_reader() {
    // The words that give English away include those of the texts the issue found in French pages.
    assertTrue(
        englishOnly.containsAll(Set.of("confirmed", "restored", "imported", "sign")),
        "the detector knows English when it sees it");
    List<String> problems = new ArrayList<>();
    for (String path :
        List.of(
            "/",
            "/w/cabinet-moreau",
            "/w/cabinet-moreau?organize",
            "/w/cabinet-moreau?tag=voyages",
            manual,
            manual + "/history",
            manual + "/diff?from=1&to=2",
            manual + "/edit",
            manual + "/share",
            manual + "/print",
            manual + "/p/vol/acknowledgements",
            "/w/cabinet-moreau/new",
            "/w/cabinet-moreau/import",
            "/w/cabinet-moreau/acknowledgements",
            "/w/cabinet-moreau/shares",
            "/w/cabinet-moreau/shares/" + shareId,
            "/w/cabinet-moreau/members",
            "/w/cabinet-moreau/webhooks",
            "/search?q=vol",
            "/search?q=zzzqqq",
            "/inbox",
            "/account",
            "/admin",
            "/w/cabinet-moreau/m/manuel-absent",
            "/page-absente",
            "/w/cabinet-moreau/review",
            "/w/cabinet-moreau/insights",
            manual + "/review",
            "/w/cabinet-moreau/questions",
            questionPath,
            questionPath + "/suggest",
            "/w/cabinet-moreau/suggestions",
            suggestionPath,
            manual + "/suggest")) {
      page(path, owner.get(path), problems);
    }
    for (String path :
        List.of(
            "/",
            "/w/cabinet-moreau",
            manual,
            "/inbox",
            "/inbox?done=3",
            "/questions",
            questionPath,
            suggestionPath,
            "/w/cabinet-moreau/suggestions",
            manual + "/p/vol/ask",
            manual + "/p/vol/suggest",
            manual + "/p/hotel/flag")) {
      page("assistant " + path, assistant.get(path), problems);
    }
    Browser visitor = app.browser();
    visitor.post("/language", form("language", "fr", "next", "/login"));
    for (String path : List.of("/login", "/login?reset", "/password/forgot", "/w/cabinet-moreau")) {
      check("signed out " + path, visitor.get(path), problems);
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void messages_after_actions_and_refusals_speak_french() {
    List<String> problems = new ArrayList<>();
    check("confirm archive", owner.post(manual + "/archive", form()), problems);
    check(
        "confirm restore",
        owner.post(manual + "/restore", form("number", "1", "base", "3")),
        problems);
    check(
        "confirm revoke",
        owner.post("/w/cabinet-moreau/shares/" + shareId + "/revoke", form()),
        problems);
    check(
        "bad collection", owner.post("/w/cabinet-moreau/collections", form("name", " ")), problems);
    check("bad move", owner.post(manual + "/move", form("direction", "sideways")), problems);
    check(
        "bad invitation",
        owner.post("/w/cabinet-moreau/invitations", form("email", "x")),
        problems);
    check("inbox refusal", assistant.post("/inbox", form("version", "999999")), problems);
    check(
        "forbidden",
        assistant.post("/w/cabinet-moreau/collections", form("name", "Interdit")),
        problems);
    HttpResponse<String> page = owner.get("/w/cabinet-moreau/m/manuel-absent");
    assertTrue(
        page.body().contains("Se déconnecter") || page.body().contains("déconnecter"), "signed in");
    assertTrue(
        !page.body().contains(">Se connecter<"), "a signed-in reader is not offered to sign in");
    assertEquals(List.of(), problems);
  }

  /** Fails on any word only the English texts use, in what a person reads on the page. */
  /** A page that should be shown, not refused, in French. */
  private static void page(String where, HttpResponse<String> response, List<String> problems) {
    // Only the pages about what is missing are meant to be refusals.
    if (response.statusCode() >= 400 && !where.contains("absent")) {
      problems.add(where + " answered " + response.statusCode());
    }
    check(where, response, problems);
  }

  private static void check(String where, HttpResponse<String> response, List<String> problems) {
    Document page = Jsoup.parse(response.body());
    // The client's own text, values typed by people, and what is marked as English on purpose.
    page.select("script, style, .markdown, [lang=en], .secret, code, pre, textarea, .rdiff, .diff")
        .remove();
    StringBuilder read = new StringBuilder(page.text());
    for (Element e : page.select("[placeholder], [title], [aria-label], [alt]")) {
      read.append(' ').append(e.attr("placeholder")).append(' ').append(e.attr("title"));
      read.append(' ').append(e.attr("aria-label")).append(' ').append(e.attr("alt"));
    }
    String text = read.toString().replaceAll("\\S+@\\S+|https?://\\S+", " ");
    Set<String> found = new TreeSet<>();
    for (String word : text.split("[^\\p{L}]+")) {
      if (englishOnly.contains(word.toLowerCase(Locale.ROOT))) {
        found.add(word);
      }
    }
    if (!found.isEmpty()) {
      problems.add(where + " (" + response.statusCode() + "): " + found);
    }
  }

  /** Words of at least four letters that the English texts use and the French ones never do. */
  private static Set<String> englishOnlyWords() {
    Set<String> english = new HashSet<>();
    Set<String> french = new HashSet<>();
    bundle("/i18n/messages_en.properties").values().forEach(v -> words((String) v, english));
    bundle("/i18n/messages_fr.properties").values().forEach(v -> words((String) v, french));
    for (String line : resource("/i18n/refusals_fr.txt").split("\n")) {
      if (line.startsWith("en: ")) {
        words(line.substring(4), english);
      } else if (line.startsWith("fr: ")) {
        words(line.substring(4), french);
      }
    }
    english.removeAll(french);
    english.removeAll(SAME_IN_BOTH);
    return english;
  }

  private static void words(String text, Set<String> into) {
    for (String word : text.replaceAll("\\{\\d}", " ").split("[^\\p{L}]+")) {
      if (word.length() >= 4) {
        into.add(word.toLowerCase(Locale.ROOT));
      }
    }
  }

  private static Properties bundle(String name) {
    Properties properties = new Properties();
    try (InputStream in = FrenchInterfaceTest.class.getResourceAsStream(name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static String resource(String name) {
    try (InputStream in = FrenchInterfaceTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
