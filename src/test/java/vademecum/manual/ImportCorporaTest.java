package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.testing.Scratch;
import vademecum.testing.TestDatabase;

/**
 * Both real handbooks of ../shared/corpora import with no error, and re-import duplicates nothing.
 */
class ImportCorporaTest {
  private static final Path CORPORA = Path.of("../shared/corpora");
  private static Database database;
  private static App.Services services;

  @BeforeAll
  static void setUp() {
    database = TestDatabase.fresh();
    services = App.Services.build(Config.fromEnvironment(Map.of()), database);
  }

  @AfterAll
  static void tearDown() {
    database.close();
  }

  @Test
  void a_text_too_short_to_tell_its_language_takes_the_workspaces_usual_one_and_says_so()
      throws Exception {
    Path folder = Scratch.directory("court");
    Files.writeString(folder.resolve("lisez-moi.md"), "# Lisez-moi\n\nVoir plus bas.\n");
    Files.writeString(folder.resolve("nom.md"), "# Même nom\n\nA.\n");
    var english = services.workspaces().getOrCreate("court-en", "Court");
    for (String title : List.of("Travel", "Mail")) {
      services
          .manuals()
          .create(
              english,
              new Draft(
                  title, "en", List.of(), "", "## A\nThe one for you.\n", null, "", false, true),
              null,
              Actor.SYSTEM);
    }
    var french = services.workspaces().getOrCreate("court-fr", "Court");
    for (var workspace : List.of(english, french)) {
      var outcomes =
          services
              .importer()
              .importAll(
                  workspace,
                  Optional.empty(),
                  ManualImporter.collect(List.of(folder)),
                  Actor.SYSTEM,
                  (d, t, o) -> {});
      var readMe =
          outcomes.stream().filter(o -> o.sourcePath().equals("lisez-moi.md")).findFirst().get();
      String usual = workspace == english ? "en" : "fr"; // an empty workspace: French
      assertEquals(usual, services.manuals().require(workspace, readMe.manualSlug()).language());
      assertTrue(readMe.message().contains("taken as " + usual), readMe.message());
      var sameName =
          outcomes.stream().filter(o -> o.sourcePath().equals("nom.md")).findFirst().get();
      assertEquals(
          "fr",
          services.manuals().require(workspace, sameName.manualSlug()).language(),
          "its French letters tell");
    }
  }

  @Test
  void the_french_and_english_handbooks_import_cleanly_and_reimport_changes_nothing() {
    assumeTrue(Files.isDirectory(CORPORA), "../shared/corpora is absent");
    for (String corpus : List.of("etalab-guides", "sourcegraph-handbook")) {
      var workspace = services.workspaces().getOrCreate(corpus, corpus);
      var sources = ManualImporter.collect(List.of(CORPORA.resolve(corpus)));
      var first =
          services
              .importer()
              .importAll(workspace, Optional.empty(), sources, Actor.SYSTEM, (d, t, o) -> {});
      List<ManualImporter.Outcome> failures =
          first.stream().filter(o -> o.status() == ManualImporter.Status.FAILED).toList();
      assertEquals(List.of(), failures, corpus);
      assertTrue(first.stream().allMatch(o -> o.status() == ManualImporter.Status.CREATED));

      var second =
          services
              .importer()
              .importAll(workspace, Optional.empty(), sources, Actor.SYSTEM, (d, t, o) -> {});
      assertTrue(
          second.stream().allMatch(o -> o.status() == ManualImporter.Status.UNCHANGED),
          "re-import changes nothing");
      assertEquals(
          sources.size(), services.manuals().list(workspace, Role.OWNER).size(), "no duplicates");
    }
    var etalab = services.workspaces().findBySlug("etalab-guides").orElseThrow();
    var guide =
        services.manuals().list(etalab, Role.OWNER).stream()
            .filter(m -> "algorithmes/1-mention.md".equals(m.sourcePath()))
            .findFirst()
            .orElseThrow();
    assertEquals("fr", guide.language());
    assertTrue(guide.procedureCount() > 1);
  }

  @Test
  void reimporting_a_changed_file_adds_a_revision_to_the_same_manual() throws Exception {
    var workspace = services.workspaces().getOrCreate("reimport", "Reimport");
    Path dir = Scratch.directory("import");
    Files.createDirectories(dir.resolve("guides"));
    Path file = dir.resolve("guides/facturation.md");
    Files.writeString(
        file, "---\ntitle: Facturation\ntags: [compta]\n---\n## Émettre une facture\nÉtapes.\n");
    var first =
        services
            .importer()
            .importAll(
                workspace,
                Optional.empty(),
                ManualImporter.collect(List.of(dir)),
                Actor.SYSTEM,
                (d, t, o) -> {});
    Files.writeString(
        file,
        "---\ntitle: Facturation\ntags: [compta]\n---\n## Émettre une facture\nÉtapes revues.\n");
    var second =
        services
            .importer()
            .importAll(
                workspace,
                Optional.empty(),
                ManualImporter.collect(List.of(dir)),
                Actor.SYSTEM,
                (d, t, o) -> {});

    assertEquals(ManualImporter.Status.CREATED, first.get(0).status());
    assertEquals("guides/facturation.md", first.get(0).sourcePath());
    assertEquals(ManualImporter.Status.UPDATED, second.get(0).status());
    assertEquals(first.get(0).manualSlug(), second.get(0).manualSlug());
    assertEquals(2, second.get(0).revision());
    assertEquals("fr", services.manuals().list(workspace, Role.OWNER).get(0).language());
  }

  @Test
  void a_manual_changed_in_vademecum_since_its_import_is_only_replaced_when_asked()
      throws Exception {
    var workspace = services.workspaces().getOrCreate("edited", "Edited");
    Path dir = Scratch.directory("import");
    Path file = dir.resolve("courrier.md");
    Files.writeString(file, "---\ntitle: Courrier\n---\n## Trier\nLe matin.\n");
    var sources = ManualImporter.collect(List.of(file));
    String slug =
        services
            .importer()
            .importAll(workspace, Optional.empty(), sources, Actor.SYSTEM, (d, t, o) -> {})
            .get(0)
            .manualSlug();
    // An editor fixes the procedure in Vademecum.
    Account editor =
        services
            .accounts()
            .create(
                "editrice@test.example", "Marie Dubois", "fr", "un mot de passe long", false, null);
    services
        .manuals()
        .saveAuthoredBy(
            workspace,
            slug,
            new Draft(
                "Courrier",
                "fr",
                List.of(),
                "",
                "## Trier\nLe matin, avant 10 h.\n",
                1,
                "",
                false,
                true),
            editor.id(),
            new Actor(editor.id(), editor.displayName()),
            (tx, r) -> {});
    Files.writeString(file, "---\ntitle: Courrier\n---\n## Trier\nLe soir.\n");

    var left =
        services
            .importer()
            .importAll(workspace, Optional.empty(), sources, Actor.SYSTEM, (d, t, o) -> {})
            .get(0);
    assertEquals(ManualImporter.Status.FAILED, left.status(), left.toString());
    assertTrue(left.message().contains("revision 2 by Marie Dubois"), left.message());
    assertTrue(
        services
            .manuals()
            .view(workspace, slug, Role.OWNER, null)
            .revision()
            .markdown()
            .contains("avant 10 h"),
        "the editor's text stays");

    var replaced =
        services
            .importer()
            .importAll(workspace, Optional.empty(), sources, Actor.SYSTEM, true, (d, t, o) -> {})
            .get(0);
    assertEquals(ManualImporter.Status.UPDATED, replaced.status(), replaced.toString());
    assertEquals(3, replaced.revision());
    // As the import left it: a later import of the file no longer counts as replacing edits.
    Files.writeString(file, "---\ntitle: Courrier\n---\n## Trier\nLe soir, après 18 h.\n");
    assertEquals(
        ManualImporter.Status.UPDATED,
        services
            .importer()
            .importAll(workspace, Optional.empty(), sources, Actor.SYSTEM, (d, t, o) -> {})
            .get(0)
            .status());
  }

  @Test
  void an_exported_draft_or_archived_manual_comes_back_as_a_draft() throws Exception {
    var workspace = services.workspaces().getOrCreate("statuses", "Statuses");
    Path dir = Scratch.directory("import");
    Files.writeString(dir.resolve("ancien.md"), "---\nstatus: archived\n---\n## Ancien\nTexte.\n");
    Files.writeString(dir.resolve("projet.md"), "---\nstatus: draft\n---\n## Projet\nTexte.\n");
    Files.writeString(dir.resolve("public.md"), "## Public\nTexte.\n");
    var outcomes =
        services
            .importer()
            .importAll(
                workspace,
                Optional.empty(),
                ManualImporter.collect(List.of(dir)),
                Actor.SYSTEM,
                (d, t, o) -> {});
    assertEquals(3, outcomes.size());
    for (var outcome : outcomes) {
      assertEquals(ManualImporter.Status.CREATED, outcome.status(), outcome.toString());
      boolean published = services.manuals().require(workspace, outcome.manualSlug()).isPublished();
      assertEquals(outcome.sourcePath().equals("public.md"), published, outcome.toString());
    }
    assertEquals(
        1, services.manuals().list(workspace, Role.ASSISTANT).size(), "readers see public.md only");
  }

  @Test
  void a_manual_gone_since_the_plan_fails_its_file_and_not_the_import() {
    var workspace = services.workspaces().getOrCreate("gone", "Gone");
    var plan =
        new ManualImporter.Plan(
            "parti.md",
            ManualImporter.Status.UPDATED,
            null,
            new Draft("Parti", "fr", List.of(), "", "## Parti\nTexte.\n", 1, "", false, true),
            "parti",
            null);
    var outcome = services.importer().apply(workspace, plan, Actor.SYSTEM);
    assertEquals(ManualImporter.Status.FAILED, outcome.status(), outcome.toString());
    assertTrue(outcome.message().contains("parti"), outcome.message());
  }

  @Test
  void two_files_of_one_import_under_one_name_do_not_become_one_manual() throws Exception {
    var workspace = services.workspaces().getOrCreate("same-name", "Same name");
    Path a = Files.createDirectories(Scratch.directory("import").resolve("a"));
    Path b = Files.createDirectories(a.getParent().resolve("b"));
    Files.writeString(a.resolve("README.md"), "# Agenda\n## Planifier\nLe lundi.\n");
    Files.writeString(b.resolve("README.md"), "# Voyages\n## Réserver\nLe train.\n");
    var outcomes =
        services
            .importer()
            .importAll(
                workspace,
                Optional.empty(),
                ManualImporter.collect(List.of(a.resolve("README.md"), b.resolve("README.md"))),
                Actor.SYSTEM,
                (d, t, o) -> {});
    assertEquals(ManualImporter.Status.CREATED, outcomes.get(0).status());
    assertEquals(ManualImporter.Status.FAILED, outcomes.get(1).status());
    assertTrue(outcomes.get(1).message().contains("same name"), outcomes.get(1).message());
    assertEquals(1, services.manuals().list(workspace, Role.OWNER).size());
  }

  @Test
  void a_language_it_does_not_read_and_a_title_too_long_are_said_not_silently_changed() {
    var workspace = services.workspaces().getOrCreate("avertis", "Avertis");
    var importer = services.importer();
    String longTitle = "Très long titre ".repeat(30).strip();
    var german =
        importer.importOne(
            workspace,
            "reise.md",
            ("---\ntitle: Reisen\nlanguage: de\n---\n## Buchen\n"
                    + "Book the train two weeks early and send the tickets to the client.\n")
                .getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);
    var long_ =
        importer.importOne(
            workspace,
            "long.md",
            ("---\ntitle: " + longTitle + "\n---\n## Classer\nRanger.\n")
                .getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);

    assertEquals(ManualImporter.Status.CREATED, german.status(), german.message());
    assertTrue(
        german.message().contains("language: de (line 3) is neither fr nor en: taken as en"),
        german.message());
    assertEquals(ManualImporter.Status.CREATED, long_.status(), long_.message());
    assertTrue(
        long_.message().contains("title cut to 200 characters (it had " + longTitle.length()),
        long_.message());
  }

  @Test
  void a_restored_manual_gets_its_import_path_back_unless_a_new_import_took_it() {
    var workspace = services.workspaces().getOrCreate("restaure", "Restaure");
    var importer = services.importer();
    byte[] a =
        "---\ntitle: Agenda\n---\n## Planifier\nLe lundi.\n".getBytes(StandardCharsets.UTF_8);
    byte[] b = "---\ntitle: Budget\n---\n## Suivre\nLe mardi.\n".getBytes(StandardCharsets.UTF_8);
    importer.importOne(workspace, "dossier/a.md", a, Optional.empty(), Actor.SYSTEM);
    importer.importOne(workspace, "dossier/b.md", b, Optional.empty(), Actor.SYSTEM);
    services.shelf().delete(workspace, "agenda", Actor.SYSTEM);
    services.shelf().delete(workspace, "budget", Actor.SYSTEM);
    // b.md is imported again meanwhile: a new manual, which now is the file's.
    importer.importOne(workspace, "dossier/b.md", b, Optional.empty(), Actor.SYSTEM);
    for (var deleted : services.shelf().deleted()) {
      if (deleted.workspaceSlug().equals("restaure")) {
        services.shelf().undelete(deleted.id(), Actor.SYSTEM);
      }
    }
    var manuals = services.manuals();
    assertEquals("dossier/a.md", manuals.require(workspace, "agenda").sourcePath());
    assertEquals(
        null, manuals.require(workspace, "budget").sourcePath(), "b.md stays the new one's");
    assertEquals("dossier/b.md", manuals.require(workspace, "budget-2").sourcePath());
    var again = importer.importOne(workspace, "dossier/a.md", a, Optional.empty(), Actor.SYSTEM);
    assertEquals(ManualImporter.Status.UNCHANGED, again.status(), "the restored manual is a.md's");
  }

  @Test
  void files_that_are_not_utf8_markdown_are_refused_with_the_reason() {
    var workspace = services.workspaces().getOrCreate("refus", "Refus");
    var importer = services.importer();
    byte[] latin1 = "## Réserver\nligne\n".getBytes(StandardCharsets.ISO_8859_1);

    var notUtf8 =
        importer.importOne(workspace, "latin1.md", latin1, Optional.empty(), Actor.SYSTEM);
    var notMarkdown =
        importer.importOne(
            workspace, "photo.png", new byte[] {1, 2}, Optional.empty(), Actor.SYSTEM);
    var binary =
        importer.importOne(
            workspace, "binaire.md", new byte[] {'a', 0, 'b'}, Optional.empty(), Actor.SYSTEM);
    var badFront =
        importer.importOne(
            workspace,
            "front.md",
            "---\ntitle: [oops\n---\nx".getBytes(StandardCharsets.UTF_8),
            Optional.empty(),
            Actor.SYSTEM);

    assertEquals(ManualImporter.Status.FAILED, notUtf8.status());
    assertTrue(
        notUtf8.message().contains("UTF-8") && notUtf8.message().contains("line 1"),
        notUtf8.message());
    assertTrue(notMarkdown.message().contains("not a Markdown file"), notMarkdown.message());
    assertTrue(binary.message().contains("binary"), binary.message());
    assertTrue(
        badFront.message().contains("front matter") && badFront.message().contains("line"),
        badFront.message());
    assertEquals(0, services.manuals().list(workspace, Role.OWNER).size());
  }
}
