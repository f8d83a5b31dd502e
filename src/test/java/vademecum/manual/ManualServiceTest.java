package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.REVISION;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.markdown.LinkOpenings;
import vademecum.markdown.TextChecks;
import vademecum.testing.TestDatabase;

class ManualServiceTest {
  private static Database database;
  private static ManualService manuals;
  private static Workspace workspace;

  @BeforeAll
  static void setUp() {
    database = TestDatabase.fresh();
    Config config = Config.fromEnvironment(Map.of());
    App.Services services = App.Services.build(config, database);
    manuals = services.manuals();
    workspace = services.workspaces().getOrCreate("moreau", "Cabinet Moreau");
  }

  @AfterAll
  static void tearDown() {
    database.close();
  }

  private static Draft draft(String title, String markdown, Integer base, boolean publish) {
    return new Draft(title, "fr", List.of("voyage"), "", markdown, base, "", false, publish);
  }

  private static Draft minorDraft(String title, String markdown, Integer base) {
    return new Draft(title, "fr", List.of("voyage"), "", markdown, base, "typo", true, true);
  }

  @Test
  void a_path_imported_meanwhile_is_a_conflict_not_a_server_error() {
    manuals.create(workspace, draft("Guide", "## A\nB\n", null, true), "guides/a.md", Actor.SYSTEM);
    // An import that looked before the first one committed creates the same path: 409, the
    // unique index no longer answering a 500.
    Refusal refused =
        assertThrows(
            Refusal.class,
            () ->
                manuals.create(
                    workspace,
                    draft("Guide", "## A\nC\n", null, true),
                    "guides/a.md",
                    Actor.SYSTEM));
    assertTrue(refused instanceof Refusal.Conflict, refused.toString());
  }

  @Test
  void revisions_are_numbered_one_by_one_and_never_change() {
    var created =
        manuals.create(
            workspace, draft("Numérotation", "## A\nun\n", null, false), null, Actor.SYSTEM);
    String slug = created.manual().slug();
    manuals.save(workspace, slug, draft("Numérotation", "## A\ndeux\n", 1, false), Actor.SYSTEM);
    manuals.save(workspace, slug, draft("Numérotation", "## A\ntrois\n", 2, true), Actor.SYSTEM);

    Manual manual = manuals.require(workspace, slug);
    assertEquals(
        List.of(3, 2, 1), manuals.history(manual).stream().map(RevisionSummary::number).toList());
    assertEquals("## A\nun\n", manuals.revision(manual, 1).markdown());
    assertThrows(
        DataAccessException.class,
        () ->
            database
                .dsl()
                .update(REVISION)
                .set(REVISION.MARKDOWN, "rewritten")
                .where(REVISION.MANUAL_ID.eq(manual.id()))
                .execute(),
        "the database refuses to rewrite a revision");
    assertEquals("## A\nun\n", manuals.revision(manual, 1).markdown());
  }

  @Test
  void lines_ended_by_a_lone_carriage_return_are_kept_as_lines() {
    var created =
        manuals.create(
            workspace,
            draft(
                "Retours chariot", "\uFEFFintro\r## Nouveau titre {#ancien}\rtexte\r", null, true),
            null,
            Actor.SYSTEM);
    Manual manual = manuals.require(workspace, created.manual().slug());
    assertEquals("intro\n## Nouveau titre {#ancien}\ntexte\n", manuals.latest(manual).markdown());
  }

  @Test
  void saving_identical_text_creates_no_revision() {
    var created =
        manuals.create(workspace, draft("Identique", "## A\nx\n", null, true), null, Actor.SYSTEM);
    var again =
        manuals.save(
            workspace,
            created.manual().slug(),
            draft("Identique", "## A\nx\n", 1, true),
            Actor.SYSTEM);
    assertFalse(again.created());
    assertEquals(1, again.revision().number());
  }

  @Test
  void assistants_see_only_the_published_revision_and_editors_the_latest() {
    var created =
        manuals.create(
            workspace, draft("Visibilité", "## A\npubliée\n", null, true), null, Actor.SYSTEM);
    String slug = created.manual().slug();
    manuals.save(workspace, slug, draft("Visibilité", "## A\nbrouillon\n", 1, false), Actor.SYSTEM);

    ManualView assistant = manuals.view(workspace, slug, Role.ASSISTANT, null);
    ManualView editor = manuals.view(workspace, slug, Role.EDITOR, null);
    assertEquals(1, assistant.revision().number());
    assertTrue(assistant.html().contains("publiée"));
    assertEquals(2, editor.revision().number());
    assertTrue(editor.html().contains("brouillon"));
    assertThrows(Refusal.NotFound.class, () -> manuals.view(workspace, slug, Role.ASSISTANT, 2));
  }

  @Test
  void a_manual_never_published_does_not_exist_for_assistants() {
    var created =
        manuals.create(workspace, draft("Secret", "texte\n", null, false), null, Actor.SYSTEM);
    assertThrows(
        Refusal.NotFound.class,
        () -> manuals.view(workspace, created.manual().slug(), Role.ASSISTANT, null));
    assertTrue(
        manuals.list(workspace, Role.ASSISTANT).stream()
            .noneMatch(m -> m.title().equals("Secret")));
  }

  @Test
  void two_editors_saving_from_the_same_base_conflict_and_both_texts_survive() {
    var created =
        manuals.create(workspace, draft("Conflit", "## A\nbase\n", null, true), null, Actor.SYSTEM);
    String slug = created.manual().slug();
    manuals.save(
        workspace, slug, draft("Conflit", "## A\ntexte de Claire\n", 1, true), Actor.SYSTEM);

    Draft second = draft("Conflit", "## A\ntexte de Julie\n", 1, true);
    var conflict =
        assertThrows(EditConflict.class, () -> manuals.save(workspace, slug, second, Actor.SYSTEM));

    assertEquals(2, conflict.latest.number());
    assertEquals("## A\ntexte de Claire\n", conflict.latest.markdown());
    assertEquals("## A\ntexte de Julie\n", conflict.draft.markdown());
    Manual manual = manuals.require(workspace, slug);
    assertEquals(2, manuals.history(manual).size(), "nothing was written");
    var merged =
        manuals.save(
            workspace,
            slug,
            draft("Conflit", "## A\ntexte de Claire et Julie\n", 2, true),
            Actor.SYSTEM);
    assertEquals(3, merged.revision().number());
  }

  @Test
  void restoring_an_old_revision_adds_a_new_one_and_keeps_history() {
    var created =
        manuals.create(
            workspace, draft("Restauration", "## A\nv1\n", null, true), null, Actor.SYSTEM);
    String slug = created.manual().slug();
    manuals.save(workspace, slug, draft("Restauration", "## A\nv2\n", 1, true), Actor.SYSTEM);

    var restored = manuals.restore(workspace, slug, 1, 2, true, Actor.SYSTEM);

    assertEquals(3, restored.revision().number());
    assertEquals("## A\nv1\n", restored.revision().markdown());
    assertEquals("Restored revision 1", restored.revision().note());
    assertEquals(3, manuals.history(manuals.require(workspace, slug)).size());
  }

  @Test
  void publishing_records_a_procedure_version_only_when_its_content_changed() {
    var created =
        manuals.create(
            workspace,
            draft("Versions", "## Vols {#vols}\nA\n\n## Hôtel\nB\n", null, true),
            null,
            Actor.SYSTEM);
    String slug = created.manual().slug();
    Manual manual = created.manual();
    manuals.save(
        workspace,
        slug,
        draft("Versions", "## Vols {#vols}\nA  \n\n## Hôtel\nB modifié\n", 1, true),
        Actor.SYSTEM);
    manuals.save(
        workspace,
        slug,
        minorDraft("Versions", "## Vols {#vols}\nA.\n\n## Hôtel\nB modifié\n", 2),
        Actor.SYSTEM);
    manuals.save(
        workspace,
        slug,
        draft("Versions", "## Vols {#vols}\nA.\n\n## Hôtel\nB brouillon\n", 3, false),
        Actor.SYSTEM);

    var procedures = new ProcedureRepository();
    List<ProcedureRepository.Version> vols =
        procedures.versions(database.dsl(), manual.id(), "vols");
    List<ProcedureRepository.Version> hotel =
        procedures.versions(database.dsl(), manual.id(), "hotel");
    assertEquals(
        List.of(2, 1),
        vols.stream().map(ProcedureRepository.Version::number).toList(),
        "trailing spaces are no change");
    assertTrue(vols.get(0).minor(), "the typo fix was published as minor");
    assertEquals(
        List.of(2, 1),
        hotel.stream().map(ProcedureRepository.Version::number).toList(),
        "drafts record no version");
    assertFalse(hotel.get(0).minor());
  }

  @Test
  void a_section_removed_from_the_published_revision_is_no_longer_current() {
    var created =
        manuals.create(
            workspace,
            draft("Retrait", "## Garder\nA\n\n## Retirer\nB\n", null, true),
            null,
            Actor.SYSTEM);
    manuals.save(
        workspace,
        created.manual().slug(),
        draft("Retrait", "## Garder\nA\n", 1, true),
        Actor.SYSTEM);
    var current =
        database
            .dsl()
            .select(PROCEDURE.KEY)
            .from(PROCEDURE)
            .where(
                PROCEDURE
                    .MANUAL_ID
                    .eq(created.manual().id())
                    .and(PROCEDURE.CURRENT_VERSION_ID.isNotNull()))
            .fetch(PROCEDURE.KEY);
    assertEquals(List.of("garder"), current);
    assertEquals(
        2,
        database
            .dsl()
            .fetchCount(
                PROCEDURE_VERSION
                    .join(PROCEDURE)
                    .on(PROCEDURE.ID.eq(PROCEDURE_VERSION.PROCEDURE_ID)),
                PROCEDURE.MANUAL_ID.eq(created.manual().id())),
        "the retired procedure keeps its history");
  }

  @Test
  void bad_drafts_are_refused_with_a_reason() {
    assertThrows(
        Refusal.Invalid.class,
        () -> manuals.create(workspace, draft("  ", "x", null, false), null, Actor.SYSTEM));
    var duplicate =
        assertThrows(
            Refusal.Invalid.class,
            () ->
                manuals.create(
                    workspace,
                    draft("Doublon", "## Étapes\n\n## Etapes\n", null, false),
                    null,
                    Actor.SYSTEM));
    assertTrue(duplicate.getMessage().contains("Étapes"), duplicate.getMessage());
    String huge = "a".repeat(Config.DEFAULT_MAX_MARKDOWN_BYTES + 1);
    var tooLarge =
        assertThrows(
            Refusal.TooLarge.class,
            () ->
                manuals.create(workspace, draft("Énorme", huge, null, false), null, Actor.SYSTEM));
    assertTrue(tooLarge.getMessage().contains("2 MB"), tooLarge.getMessage());
  }

  @Test
  void a_long_manual_of_bullet_lists_is_not_taken_for_thousands_of_headings() {
    String steps = "## Checklist\n" + "- vérifier le relevé\n".repeat(5_000);
    var saved = manuals.create(workspace, draft("Listes", steps, null, true), null, Actor.SYSTEM);
    assertEquals(1, saved.revision().procedureCount());

    String underlined = "Titre\n---\n\n".repeat(2_001);
    var refused =
        assertThrows(
            Refusal.Invalid.class,
            () ->
                manuals.create(
                    workspace, draft("Soulignés", underlined, null, false), null, Actor.SYSTEM));
    assertTrue(refused.getMessage().contains("2000"), refused.getMessage());
  }

  @Test
  void publishing_a_revision_that_does_not_exist_is_not_found_and_too_many_tags_are_refused() {
    var created =
        manuals.create(
            workspace, draft("Inexistante", "## A\nun\n", null, false), null, Actor.SYSTEM);
    String slug = created.manual().slug();
    assertThrows(
        Refusal.NotFound.class, () -> manuals.publish(workspace, slug, 0, false, Actor.SYSTEM));
    assertThrows(
        Refusal.NotFound.class, () -> manuals.publish(workspace, slug, 7, false, Actor.SYSTEM));
    List<String> tags = IntStream.range(0, 100_000).mapToObj(i -> "t" + i).toList();
    var refused =
        assertThrows(
            Refusal.Invalid.class,
            () ->
                manuals.create(
                    workspace,
                    new Draft("Étiquettes", "fr", tags, "", "## A\nun\n", null, "", false, false),
                    null,
                    Actor.SYSTEM));
    assertTrue(refused.getMessage().contains("at most 30 tags"), refused.getMessage());
  }

  @Test
  void a_line_of_unfinished_links_is_refused_before_parsing_and_real_links_are_not() {
    String attack = "[a](".repeat(500_000);
    var refused =
        assertThrows(
            Refusal.Invalid.class,
            () ->
                manuals.create(workspace, draft("Liens", attack, null, false), null, Actor.SYSTEM));
    assertTrue(refused.getMessage().contains("Line 1 "), refused.getMessage());
    assertThrows(Refusal.Invalid.class, () -> manuals.preview("## A\n" + attack));

    String links = "## Liens\n" + "[site](https://example.com/a_(b)) ".repeat(300) + "\n";
    var saved =
        manuals.create(workspace, draft("Liens utiles", links, null, false), null, Actor.SYSTEM);
    assertEquals(1, saved.revision().procedureCount(), "300 finished links on a line are fine");
    var fewUnfinished = "## Peu\n" + "[a](".repeat(LinkOpenings.MAX_UNCLOSED_PER_LINE) + "\n";
    manuals.create(
        workspace, draft("Quelques crochets", fewUnfinished, null, false), null, Actor.SYSTEM);
  }

  @Test
  void text_nested_past_the_limit_is_refused_naming_its_line_and_real_nesting_is_kept() {
    String deep = "## Profond\nIntro\n" + "> ".repeat(TextChecks.MAX_NESTING + 1) + "trop\n";
    var refused =
        assertThrows(
            Refusal.Invalid.class,
            () ->
                manuals.create(workspace, draft("Profond", deep, null, false), null, Actor.SYSTEM));
    assertTrue(refused.getMessage().startsWith("Line 3 is nested more than"), refused.getMessage());
    assertThrows(Refusal.Invalid.class, () -> manuals.preview(deep));

    String nested =
        "## Étapes\n"
            + "> ".repeat(5)
            + "- 1. citation dans une liste\n"
            + "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -"
            + " - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -"
            + " - - - - - - - - - - - - - - - - - - -\n"
            + "  ".repeat(TextChecks.MAX_NESTING - 1)
            + "- au plus profond permis\n";
    var saved =
        manuals.create(workspace, draft("Imbriqué", nested, null, false), null, Actor.SYSTEM);
    assertEquals(1, saved.revision().procedureCount());
  }
}
