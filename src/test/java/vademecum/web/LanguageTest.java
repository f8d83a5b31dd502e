package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.testing.TestApp.form;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Role;
import vademecum.share.ShareLink;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** The interface in French and English: choice of language, the switch, and complete bundles. */
class LanguageTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    app = TestApp.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> get(String path, String acceptLanguage) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Accept-Language", acceptLanguage)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_browser_language_chooses_the_interface_when_nobody_said_otherwise() throws Exception {
    String french = get("/login", "fr-FR,fr;q=0.9,en;q=0.5").body();
    assertTrue(french.contains("<html lang=\"fr\">"));
    assertTrue(french.contains("Mot de passe"));
    String english = get("/login", "en-GB,en;q=0.8").body();
    assertTrue(english.contains("<html lang=\"en\">"));
    assertTrue(english.contains("Password"));
    assertTrue(get("/login", "de-DE,de").body().contains("Password"), "English otherwise");
    assertTrue(get("/login", "%%%;;q=x").body().contains("Password"), "a bad header is ignored");
  }

  @Test
  void error_pages_speak_the_readers_language_and_offer_a_way_back() throws Exception {
    HttpResponse<String> missing = get("/no/such/page", "fr");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("Page introuvable"));
    assertTrue(missing.body().contains("pas de page à cette adresse."));
    assertTrue(missing.body().contains("Retour à l'accueil"), missing.body());
    assertTrue(get("/no/such/page", "en").body().contains("Back to the start page"));
  }

  @Test
  void the_switch_remembers_the_choice_and_returns_to_the_same_page() {
    Browser anonymous = app.browser();
    assertTrue(anonymous.get("/login").body().contains("Password"));
    HttpResponse<String> switched =
        anonymous.post("/language", form("language", "fr", "next", "/login?next=/inbox"));
    assertEquals(303, switched.statusCode());
    assertEquals("/login?next=/inbox", switched.headers().firstValue("Location").orElseThrow());
    assertTrue(anonymous.get("/login").body().contains("Mot de passe"));
    // Never back to another site.
    anonymous.get("/login");
    HttpResponse<String> away =
        anonymous.post("/language", form("language", "en", "next", "//evil.example/"));
    assertEquals("/", away.headers().firstValue("Location").orElseThrow());
    anonymous.get("/login");
    assertEquals(400, anonymous.post("/language", form("language", "de")).statusCode());
  }

  @Test
  void a_signed_in_persons_choice_is_kept_on_their_account() {
    var workspace = app.workspace("langues");
    Browser person = app.signedIn(workspace, Role.EDITOR);
    assertTrue(person.get("/w/langues").body().contains("New manual"));
    assertEquals(
        303, person.post("/language", form("language", "fr", "next", "/w/langues")).statusCode());
    String page = person.get("/w/langues").body();
    assertTrue(page.contains("Nouveau manuel"), page);
    assertTrue(page.contains("<html lang=\"fr\">"));
  }

  @Test
  void dates_and_numbers_follow_the_language() {
    OffsetDateTime at = OffsetDateTime.of(2026, 11, 27, 15, 30, 0, 0, ZoneOffset.UTC);
    assertEquals("27 nov. 2026", Texts.of("fr").date(at));
    assertEquals("Nov 27, 2026", Texts.of("en").date(at));
    assertEquals("12\u202f345", Texts.of("fr").number(12345));
    assertEquals("12,345", Texts.of("en").number(12345));
  }

  @Test
  void assets_carry_a_hash_of_their_content_and_are_cached_for_a_year() throws Exception {
    String css = Assets.url("app.css");
    assertTrue(css.matches("/assets/app\\.[0-9a-f]{10}\\.css"), css);
    HttpResponse<String> response = app.get(css);
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    assertEquals(
        "public, max-age=31536000, immutable",
        response.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(response.body().contains("prefers-color-scheme: dark"));
    assertTrue(get("/login", "en").body().contains(css), "pages link the hashed name");
    assertEquals(404, app.get("/assets/app.0000000000.css").statusCode(), "an old name");
    assertEquals(404, app.get("/assets/..%2Fi18n%2Fmessages_en.properties").statusCode());
  }

  @Test
  void messages_written_by_services_are_shown_in_french() {
    assertEquals(
        "Ce manuel n'a pas de procédure vols.",
        Translations.translate("fr", "This manual has no procedure vols."));
    assertEquals(
        "Deux procédures ont la clé « notes » : « Notes » (ligne 3) et « Notes » (ligne 9)."
            + " Donnez à l'une un autre titre ou un identifiant explicite comme {#notes-2}.",
        Translations.translate(
            "fr",
            "Two procedures have the key \"notes\": \"Notes\" (line 3) and \"Notes\" (line 9)."
                + " Give one of them another title or an explicit id such as {#notes-2}."));
    assertEquals("Unknown words.", Translations.translate("fr", "Unknown words."));
    assertEquals("No revision 4", Translations.translate("en", "No revision 4"));
    // Through a page: a French reader's wrong password.
    Browser french = app.browser();
    french.setCookie("vd_lang", "fr");
    french.get("/login");
    HttpResponse<String> refused =
        french.post("/login", form("email", "nobody@test.example", "password", "wrong one"));
    assertEquals(401, refused.statusCode());
    assertTrue(refused.body().contains("L'adresse e-mail ou le mot de passe n'est pas correct."));
  }

  @Test
  void the_french_catalogue_keeps_every_value_of_each_message() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of("src/main/resources/i18n/refusals_fr.txt")).stream()
            .filter(l -> l.startsWith("en: ") || l.startsWith("fr: "))
            .toList();
    assertEquals(0, lines.size() % 2);
    assertEquals(lines.size() / 2, Translations.size());
    Pattern placeholder = Pattern.compile("\\{\\d}");
    for (int i = 0; i < lines.size(); i += 2) {
      assertTrue(
          lines.get(i).startsWith("en: ") && lines.get(i + 1).startsWith("fr: "), lines.get(i));
      assertEquals(
          new TreeSet<>(placeholder.matcher(lines.get(i)).results().map(r -> r.group()).toList()),
          new TreeSet<>(
              placeholder.matcher(lines.get(i + 1)).results().map(r -> r.group()).toList()),
          lines.get(i));
    }
  }

  /** Every key the templates use exists in both languages, and both bundles have the same keys. */
  @Test
  void both_bundles_have_every_text_the_templates_use() throws IOException {
    assertEquals(new TreeSet<>(Texts.of("en").keys()), new TreeSet<>(Texts.of("fr").keys()));
    Pattern used = Pattern.compile("\\.t\\(\"([a-zA-Z0-9.]+)\"");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
        Matcher keys = used.matcher(Files.readString(file));
        while (keys.find()) {
          String key = keys.group(1);
          boolean prefix = key.endsWith(".");
          if (!prefix && !Texts.of("en").has(key)) {
            missing.add(file + ": " + key);
          }
        }
      }
    }
    assertEquals(List.of(), missing);
    // Texts that depend on a count have both forms in both languages.
    Pattern counted = Pattern.compile("\\.count\\(\"([a-zA-Z0-9.]+)\"");
    try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
        Matcher keys = counted.matcher(Files.readString(file));
        while (keys.find()) {
          for (String language : List.of("en", "fr")) {
            for (String form : List.of(".one", ".other")) {
              assertTrue(
                  Texts.of(language).has(keys.group(1) + form),
                  file + ": " + keys.group(1) + form + " in " + language);
            }
          }
        }
      }
    }
    assertEquals("1 procédure à lire dans A", Texts.of("fr").count("reading.toRead", 1, "A"));
    assertEquals("0 procédure à lire dans A", Texts.of("fr").count("reading.toRead", 0, "A"));
    assertEquals("0 procedures to read in A", Texts.of("en").count("reading.toRead", 0, "A"));
    assertEquals("… 1 ligne inchangée …", Texts.of("fr").count("diff.skipped", 1));
    assertEquals("… 14 lignes inchangées …", Texts.of("fr").count("diff.skipped", 14));
    assertEquals(
        "1\u202f234 procédures à lire dans A", Texts.of("fr").count("reading.toRead", 1234, "A"));
    // Keys built from values: every role and every link status has its text.
    for (Role role : Role.values()) {
      assertTrue(Texts.of("fr").has("role." + role.name().toLowerCase()));
    }
    for (ShareLink.Status status : ShareLink.Status.values()) {
      assertTrue(Texts.of("fr").has("share.status." + status.name().toLowerCase()));
    }
    for (int status : new int[] {400, 403, 404, 409, 410, 413, 429, 500}) {
      assertFalse(Texts.of("fr").t("error." + status).isBlank());
    }
  }

  @Test
  void sizes_in_french_refusals_are_in_french_units() {
    String french =
        Translations.translate(
            "fr", "bombe.zip is refused: its files add up to more than 50 MB once uncompressed.");
    assertTrue(french.contains("50 Mo"), french);
    assertFalse(french.contains("MB"), french);
  }
}
