package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcedureSplitterTest {
  private final ProcedureSplitter splitter = new MarkdownRenderer().splitter();

  @Test
  void each_level_two_heading_starts_a_procedure_keyed_by_its_folded_title_or_explicit_id() {
    String markdown =
        """
        Introduction du manuel.

        ## Réserver un vol {#vols}
        Étapes pour le vol.

        ### Préférences
        Hublot.

        ## Gérer l'agenda de **M. Dupont**
        Agenda.

        # Annexe
        Texte de l'annexe.
        """;
    Procedures procedures = splitter.split(markdown, "Voyages");

    assertEquals(List.of("vols", "gerer-l-agenda-de-m-dupont"), keys(procedures));
    assertEquals("Réserver un vol", procedures.sections().get(0).title());
    assertEquals("Gérer l'agenda de M. Dupont", procedures.sections().get(1).title());
    assertTrue(procedures.sections().get(0).markdown().contains("### Préférences"));
    assertFalse(
        procedures.sections().get(1).markdown().contains("Annexe"), "a # heading ends the section");
    assertTrue(procedures.introduction().contains("Introduction du manuel."));
    assertEquals(3, procedures.sections().get(0).line());
  }

  @Test
  void headings_inside_code_fences_do_not_start_procedures() {
    String markdown =
        """
        ## Modèle d'e-mail
        ```markdown
        ## Ceci n'est pas une procédure
        ```
        ## Œuvre à côté
        """;
    assertEquals(List.of("modele-d-e-mail", "oeuvre-a-cote"), keys(splitter.split(markdown, "x")));
  }

  @Test
  void a_manual_without_level_two_headings_is_one_procedure() {
    Procedures procedures = splitter.split("# Titre\n\nUn seul texte.\n", "Congé maternité");
    assertTrue(procedures.wholeDocument());
    assertEquals(List.of("conge-maternite"), keys(procedures));
  }

  @Test
  void two_procedures_with_the_same_key_are_refused_naming_both_headings() {
    var error =
        assertThrows(
            DuplicateProcedureKey.class,
            () -> splitter.split("## Étapes\na\n\n## Etapes\nb\n", "x"));
    assertEquals("etapes", error.key);
    assertTrue(error.getMessage().contains("\"Étapes\" (line 1)"), error.getMessage());
    assertTrue(error.getMessage().contains("\"Etapes\" (line 4)"), error.getMessage());
  }

  @Test
  void imported_text_with_repeated_headings_gets_unique_explicit_ids() {
    String fixed = splitter.withUniqueKeys("## Notes\na\n\n## Notes\nb\n\n## Notes-2\nc\n");
    assertEquals(List.of("notes", "notes-3", "notes-2"), keys(splitter.split(fixed, "x")));
  }

  @Test
  void normalised_content_ignores_trailing_spaces_and_blank_line_runs() {
    Section a = new Section("k", "T", "## T\nligne  \n\n\n\nsuite\n", 1, false);
    Section b = new Section("k", "T", "## T\r\nligne\r\n\r\nsuite", 1, false);
    assertEquals(a.normalisedContent(), b.normalisedContent());
  }

  private static List<String> keys(Procedures procedures) {
    return procedures.sections().stream().map(Section::key).toList();
  }
}
