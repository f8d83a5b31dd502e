package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.cli.VademecumCommand;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.markdown.FrontMatter;
import vademecum.testing.Browser;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;

/** Manuals leave as Markdown and come back identical: title, language, tags, text, keys. */
class ExportTest {
  private static TestApp app;
  private static String databaseUrl;
  private static Path data;
  private static Workspace source;
  private static Browser editor;

  @BeforeAll
  static void start() throws IOException {
    databaseUrl = TestDatabase.freshUrl();
    data = Scratch.directory("vademecum-export");
    app = TestApp.start(data, databaseUrl);
    source = app.workspace("depart");
    var manuals = app.app().services().manuals();
    manuals.create(
        source,
        new Draft(
            "Réservation de voyages",
            "fr",
            List.of("voyage", "train"),
            "Comment réserver : « règles » et budgets",
            "Introduction du manuel.\n\n## Réserver un vol {#vols}\nClasse économique.\n\n"
                + "## Réserver un train\nSNCF Connect, 2de classe.\n\n## Notes de frais\nLe 3 du mois.\n",
            null,
            "",
            false,
            true),
        null,
        Actor.SYSTEM);
    manuals.create(
        source,
        new Draft(
            "E-mail triage",
            "en",
            List.of(),
            "",
            "## Morning pass\nArchive newsletters.\n\n## Afternoon pass {#pm}\nAnswer clients.\n",
            null,
            "",
            false,
            false),
        null,
        Actor.SYSTEM);
    app.app()
        .services()
        .importer()
        .importOne(
            source,
            "dossier/sous/guide.md",
            "---\ntitle: Guide importé\nlanguage: fr\n---\n## Étape unique\nTexte.\n"
                .getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    Manual travel = manuals.require(source, "reservation-de-voyages");
    manuals.save(
        source,
        travel.slug(),
        new Draft(
            "Réservation de voyages",
            "fr",
            List.of("voyage", "train"),
            "Comment réserver : « règles » et budgets",
            manuals.latest(travel).markdown() + "\n## Hôtels\nAu plus 130 €.\n",
            manuals.latest(travel).number(),
            "hôtels",
            false,
            true),
        Actor.SYSTEM);
    editor = app.signedIn(source, Role.EDITOR);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static HttpResponse<byte[]> download(String path) throws Exception {
    String session = editor.cookie("vd_session");
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Cookie", "vd_session=" + session)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void a_workspace_exported_then_imported_elsewhere_gives_the_same_manuals_and_keys()
      throws Exception {
    HttpResponse<byte[]> response = download("/w/depart/export.zip");
    assertEquals(200, response.statusCode());
    assertEquals("application/zip", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(
        response.headers().firstValue("Content-Disposition").orElse("").contains("depart.zip"));
    Map<String, byte[]> files = unzip(response.body());
    assertTrue(files.containsKey("index.json"));
    assertTrue(files.containsKey("dossier/sous/guide.md"), "an imported file keeps its place");
    assertTrue(files.containsKey("reservation-de-voyages.md"));
    assertTrue(files.containsKey("e-mail-triage.md"), "drafts leave too");
    assertTrue(
        new String(files.get("e-mail-triage.md"), StandardCharsets.UTF_8).contains("status: draft"),
        "and say so");
    String index = new String(files.get("index.json"), StandardCharsets.UTF_8);
    assertTrue(index.contains("\"latestRevision\" : 2"), index);

    Path folder = Scratch.directory("unzipped");
    for (var file : files.entrySet()) {
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
    Workspace target = app.workspace("arrivee");
    var outcomes =
        app.app()
            .services()
            .importer()
            .importAll(
                target,
                Optional.empty(),
                ManualImporter.collect(List.of(folder)),
                Actor.SYSTEM,
                (done, total, outcome) -> {});
    assertEquals(3, outcomes.size(), "index.json is not a manual");
    outcomes.forEach(o -> assertEquals(ManualImporter.Status.CREATED, o.status(), o.toString()));
    assertSameManuals(source, target);
  }

  private static void assertSameManuals(Workspace from, Workspace to) {
    var manuals = app.app().services().manuals();
    List<String> compared = new ArrayList<>();
    for (ManualSummary summary : manuals.list(from, Role.OWNER)) {
      ManualSummary copy =
          manuals.list(to, Role.OWNER).stream()
              .filter(m -> m.title().equals(summary.title()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("missing " + summary.title()));
      Revision original = manuals.latest(manuals.require(from, summary.slug()));
      Revision imported = manuals.latest(manuals.require(to, copy.slug()));
      assertEquals(summary.language(), copy.language(), summary.title());
      assertEquals(original.tags(), imported.tags(), summary.title());
      assertEquals(original.description(), imported.description(), summary.title());
      assertEquals(original.markdown().strip(), imported.markdown().strip(), summary.title());
      // A draft stays one: readers of the other workspace do not see it either.
      assertEquals(
          manuals.require(from, summary.slug()).isPublished(),
          manuals.require(to, copy.slug()).isPublished(),
          summary.title());
      assertEquals(
          keys(manuals.view(from, summary.slug(), Role.OWNER, null)),
          keys(manuals.view(to, copy.slug(), Role.OWNER, null)),
          summary.title());
      compared.add(summary.title());
    }
    assertEquals(3, compared.size());
  }

  private static List<String> keys(ManualView view) {
    return view.procedures().stream().map(p -> p.key()).toList();
  }

  /**
   * One manual's export, named like the file another manual was imported from: the import refuses
   * it (naming the slug's line) instead of writing it over that other manual.
   */
  @Test
  void an_export_named_like_another_manual_s_file_is_refused_not_written_over_it() {
    var manuals = app.app().services().manuals();
    Workspace workspace = app.workspace("homonymes");
    var importer = app.app().services().importer();
    var wiki =
        importer.importOne(
            workspace,
            "onboarding.md",
            "---\ntitle: Ancien wiki\n---\n## Accueil\nLe vieux texte.\n"
                .getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    assertEquals(ManualImporter.Status.CREATED, wiki.status(), wiki.toString());
    Manual written =
        manuals
            .create(
                workspace,
                new Draft("Onboarding", "fr", List.of(), "", "## A\nB\n", null, "", false, true),
                null,
                Actor.SYSTEM)
            .manual();
    assertFalse(written.slug().equals(wiki.manualSlug()));

    var again =
        importer.importOne(
            workspace,
            "onboarding.md",
            ("---\ntitle: Onboarding\nslug: "
                    + written.slug()
                    + "\ngenerator: Vademecum\n---\n## A\nB modifié.\n")
                .getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    assertEquals(ManualImporter.Status.FAILED, again.status(), again.toString());
    assertTrue(again.message().contains("(line 3)"), again.message());
    assertEquals(
        "## Accueil\nLe vieux texte.\n",
        manuals.latest(manuals.require(workspace, wiki.manualSlug())).markdown(),
        "the other manual is untouched");
  }

  @Test
  void a_repeated_heading_added_above_on_re_import_moves_no_confirmation() {
    Workspace handbook = app.workspace("exemples-repetes");
    var importer = app.app().services().importer();
    var acks = app.app().services().acks();
    String first = "# Guide\n\n## Exemple\nPremier cas.\n\n## Exemple\nSecond cas.\n";
    var created =
        importer.importOne(
            handbook,
            "guide.md",
            first.getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    assertEquals(ManualImporter.Status.CREATED, created.status(), created.toString());
    Manual manual = app.app().services().manuals().require(handbook, created.manualSlug());
    Account assistant = app.account(handbook, Role.ASSISTANT);
    var second = acks.standingsInManual(assistant.id(), manual.id()).get("exemple-2");
    acks.acknowledge(assistant.id(), handbook.id(), List.of(second.currentVersionId()));

    var updated =
        importer.importOne(
            handbook,
            "guide.md",
            first
                .replace("# Guide\n\n", "# Guide\n\n## Exemple\nCas ajouté en tête.\n\n")
                .getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    assertEquals(ManualImporter.Status.UPDATED, updated.status(), updated.toString());
    Map<String, ProcedureStanding> now = acks.standingsInManual(assistant.id(), manual.id());
    assertEquals(3, now.size(), now.keySet().toString());
    ProcedureStanding kept = now.get("exemple-2");
    assertEquals(second.currentVersionId(), kept.currentVersionId(), "the same unchanged text");
    assertEquals(AckStatus.CURRENT, kept.status(), "still confirmed");
    assertEquals(
        null,
        now.get("exemple").ackedNumber(),
        "the first case was never confirmed and is still the first case");
    ProcedureStanding added = now.get("exemple-3");
    String stored =
        app.app()
            .services()
            .manuals()
            .latest(app.app().services().manuals().require(handbook, created.manualSlug()))
            .markdown();
    assertTrue(stored.startsWith("## Exemple {#exemple-3}\nCas ajouté en tête."), stored);
    assertEquals(null, added.ackedNumber(), "the added case inherits no confirmation");
  }

  @Test
  void an_imported_readme_exported_under_another_name_comes_back_to_the_same_manual() {
    Workspace round = app.workspace("aller-retour");
    var importer = app.app().services().importer();
    var first =
        importer.importOne(
            round,
            "guide/README.MD",
            "# Guide\n\n## Étape\nFaire.\n".getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    assertEquals(ManualImporter.Status.CREATED, first.status(), first.toString());
    var files = app.app().services().exporter().workspace(round, (d, t, p) -> {});
    var exported = files.stream().filter(f -> f.path().endsWith(".md")).findFirst().orElseThrow();
    assertEquals("guide/README.md", exported.path(), "an export's files end in .md");
    String text = exported.text();
    assertTrue(text.contains("source: guide/README.MD"), text);
    var again =
        importer.importOne(
            round,
            exported.path(),
            text.replace("Faire.", "Faire vite.").getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    assertEquals(ManualImporter.Status.UPDATED, again.status(), again.toString());
    assertEquals(first.manualSlug(), again.manualSlug(), "no second copy");
    assertEquals(1, app.app().services().manuals().list(round, Role.OWNER).size());
  }

  @Test
  void another_generators_slug_neither_skips_its_cleaning_nor_updates_a_manual_written_here() {
    Workspace site = app.workspace("site-hugo");
    var manuals = app.app().services().manuals();
    Manual written =
        manuals
            .create(
                site,
                new Draft(
                    "Contact",
                    "fr",
                    List.of(),
                    "",
                    "## Appeler\nLe matin.\n",
                    null,
                    "",
                    false,
                    true),
                null,
                Actor.SYSTEM)
            .manual();
    var page =
        app.app()
            .services()
            .importer()
            .importOne(
                site,
                "content/contact.md",
                ("---\ntitle: Contact\nslug: "
                        + written.slug()
                        + "\ndate: 2024-01-01\n---\n## Écrire\n{{< form >}}\nPar courriel.\n")
                    .getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                Actor.SYSTEM);
    assertEquals(ManualImporter.Status.CREATED, page.status(), page.toString());
    assertEquals(
        "## Appeler\nLe matin.\n",
        manuals.latest(manuals.require(site, written.slug())).markdown(),
        "the manual written here is untouched");
    String imported = manuals.latest(manuals.require(site, page.manualSlug())).markdown();
    assertFalse(imported.contains("{{<"), imported);
    assertTrue(page.message().contains("front matter fields not read: date"), page.message());
  }

  @Test
  void a_first_indented_code_block_stays_code_through_import_and_history() throws Exception {
    Workspace tools = app.workspace("outils");
    var outcome =
        app.app()
            .services()
            .importer()
            .importOne(
                tools,
                "outils/installer.md",
                "# Installer\n\n    npm install\n\nPuis lancer.\n".getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                Actor.SYSTEM);
    var manuals = app.app().services().manuals();
    Manual manual = manuals.require(tools, outcome.manualSlug());
    assertEquals("    npm install\n\nPuis lancer.\n", manuals.latest(manual).markdown());
    String history =
        app.app().services().exporter().history(tools, manual.slug()).stream()
            .filter(f -> f.path().endsWith(".md"))
            .findFirst()
            .orElseThrow()
            .text();
    assertTrue(history.contains("---\n\n    npm install\n"), history);
  }

  @Test
  void one_manual_exports_as_markdown_with_its_front_matter() throws Exception {
    HttpResponse<byte[]> response = download("/w/depart/m/reservation-de-voyages/export.md");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
    String text = new String(response.body(), StandardCharsets.UTF_8);
    assertTrue(text.startsWith("---\ntitle: Réservation de voyages\nlanguage: fr\n"), text);
    assertTrue(text.contains("## Réserver un vol {#vols}"));
    assertTrue(text.contains("## Hôtels"));
    var parsed = FrontMatter.parse(text);
    assertEquals(List.of("voyage", "train"), parsed.tags());
    assertEquals("Comment réserver : « règles » et budgets", parsed.description().orElseThrow());
  }

  @Test
  void the_history_exports_every_revision() throws Exception {
    HttpResponse<byte[]> response = download("/w/depart/m/reservation-de-voyages/history.zip");
    assertEquals(200, response.statusCode());
    Map<String, byte[]> files = unzip(response.body());
    assertEquals(
        List.of(
            "reservation-de-voyages/revision-0001.md", "reservation-de-voyages/revision-0002.md"),
        new ArrayList<>(files.keySet()));
    String first =
        new String(files.get("reservation-de-voyages/revision-0001.md"), StandardCharsets.UTF_8);
    assertFalse(first.contains("## Hôtels"));
    assertTrue(first.contains("revision: 1"));
    String second =
        new String(files.get("reservation-de-voyages/revision-0002.md"), StandardCharsets.UTF_8);
    assertTrue(second.contains("## Hôtels") && second.contains("note: hôtels"), second);
  }

  @Test
  void the_print_page_holds_the_manual_alone() {
    Browser assistant = app.signedIn(source, Role.ASSISTANT);
    String page = assistant.get("/w/depart/m/reservation-de-voyages/print").body();
    assertTrue(page.contains("Classe économique."));
    assertTrue(page.contains("class=\"candidate printable\""));
    assertFalse(page.contains("action=\"/logout\""), "no frame to print");
    assertEquals(404, assistant.get("/w/depart/m/e-mail-triage/print").statusCode(), "a draft");
  }

  @Test
  void the_cli_writes_the_same_files() throws Exception {
    Path out = Scratch.directory("cli-export").resolve("out");
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int status;
    try {
      status =
          VademecumCommand.commandLine()
              .execute(
                  "export",
                  "--workspace",
                  "depart",
                  "--out",
                  out.toString(),
                  "--data",
                  data.toString(),
                  "--database-url",
                  databaseUrl + "?user=postgres");
    } finally {
      System.setOut(original);
    }
    assertEquals(0, status, captured.toString());
    assertTrue(captured.toString().contains("3 manuals written"), captured.toString());
    assertTrue(Files.readString(out.resolve("dossier/sous/guide.md")).contains("## Étape unique"));
    assertTrue(Files.exists(out.resolve("index.json")));
  }

  @Test
  void hostile_file_names_are_exported_as_safe_short_names_and_nothing_stops_the_export()
      throws Exception {
    Workspace odd = app.workspace("noms-bizarres");
    var importer = app.app().services().importer();
    // As long as an import takes (a longer path is refused: PostgreSQL indexes a few kB).
    String longName = "n".repeat(UploadedFiles.MAX_PATH - 3) + ".md";
    String lines = "deux\nlignes.md";
    String backwards = "facture\u202Edm.exe.md";
    for (String path : List.of(longName, lines, backwards, "ok/normal.md")) {
      var outcome =
          importer.importOne(
              odd,
              path,
              "## Étape\nTexte.\n".getBytes(StandardCharsets.UTF_8),
              Optional.of("fr"),
              Actor.SYSTEM);
      assertEquals(ManualImporter.Status.CREATED, outcome.status(), outcome.message());
    }
    var tooLong =
        importer.importOne(
            odd,
            "n".repeat(60_000) + ".md",
            "## Étape\nTexte.\n".getBytes(StandardCharsets.UTF_8),
            Optional.of("fr"),
            Actor.SYSTEM);
    assertEquals(ManualImporter.Status.FAILED, tooLong.status());
    assertTrue(tooLong.message().contains("longer than 500 characters"), tooLong.message());
    var files = app.app().services().exporter().workspace(odd, (done, total, path) -> {});
    for (var file : files) {
      for (String part : file.path().split("/")) {
        assertTrue(part.length() <= 80, "short: " + part.length());
        assertTrue(part.codePoints().noneMatch(c -> c < 32 || c == 0x202E), "clean: " + part);
      }
    }
    Path out = Scratch.directory("odd-export");
    assertEquals(List.of(), ManualExporter.write(out, files));
    assertTrue(Files.exists(out.resolve("ok/normal.md")));
    String index = Files.readString(out.resolve("index.json"));
    assertTrue(index.contains("\\u202E") || index.contains("\u202E"), "the original name is kept");
    assertEquals(5, Files.list(out).count(), "four manuals and index.json, at the top or in ok/");
  }

  @Test
  void one_file_nested_too_deeply_does_not_stop_an_import_of_a_folder() throws Exception {
    Workspace target = app.workspace("import-profond");
    Path folder = Scratch.directory("deep-import");
    Files.writeString(folder.resolve("a.md"), "## Première\nTexte.\n");
    Files.writeString(folder.resolve("deep.md"), "> ".repeat(500_000) + "profond\n");
    Files.writeString(folder.resolve("z.md"), "## Dernière\nTexte.\n");
    var outcomes =
        app.app()
            .services()
            .importer()
            .importAll(
                target,
                Optional.of("fr"),
                ManualImporter.collect(List.of(folder)),
                Actor.SYSTEM,
                (done, total, outcome) -> {});
    assertEquals(3, outcomes.size());
    assertEquals(ManualImporter.Status.CREATED, outcomes.get(0).status());
    assertEquals(ManualImporter.Status.CREATED, outcomes.get(2).status(), outcomes.toString());
    var deep = outcomes.get(1);
    assertEquals(ManualImporter.Status.FAILED, deep.status(), deep.toString());
    assertTrue(deep.message().contains("Line 1 is nested more than 100 levels"), deep.message());
  }
}
