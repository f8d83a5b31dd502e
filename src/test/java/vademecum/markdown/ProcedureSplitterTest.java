package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  void plain_words_from_one_parse_are_those_of_each_procedure_parsed_alone() throws Exception {
    MarkdownRenderer renderer = new MarkdownRenderer();
    List<String> manuals = new ArrayList<>();
    manuals.add(
        """
        Avant-propos, *en italique*.

        # Partie un {#partie}
        Texte de la partie.

        ## Réserver un vol {#vols}
        | Compagnie | Code |
        |---|---|
        | Air & Co | <AF> |

        ```
        ## pas une procédure
        ```

        ### Préférences
        - [x] Hublot

        # Annexe
        Texte de l'annexe.

        ## Gérer l'agenda
        Voir [le guide](https://example.org) &amp; <b>ceci</b>.
        """);
    manuals.add("Un seul texte, sans procédure.\n\n> Cité.\n");
    manuals.add("## Seule\n\nTexte.");
    // The bundled templates, and the real handbooks when they are at hand.
    for (String template : List.of("assistant-manual-en", "assistant-manual-fr", "procedure-fr")) {
      try (var in = getClass().getResourceAsStream("/manual-templates/" + template + ".md")) {
        manuals.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    Path corpora = Path.of("../shared/corpora");
    if (Files.isDirectory(corpora)) {
      try (var files = Files.walk(corpora)) {
        for (var file : files.filter(f -> f.toString().endsWith(".md")).limit(400).toList()) {
          manuals.add(Files.readString(file));
        }
      }
    }
    for (String markdown : manuals) {
      Procedures split;
      try {
        split = splitter.split(markdown, "Manuel");
      } catch (DuplicateProcedureKey e) {
        continue;
      }
      ProcedureSplitter.PlainProcedures plain = splitter.plain(markdown, "Manuel");
      assertEquals(split.sections(), plain.sections());
      assertEquals(renderer.plainText(split.introduction()), plain.introduction(), markdown);
      for (int i = 0; i < split.sections().size(); i++) {
        assertEquals(
            renderer.plainText(split.sections().get(i).markdown()), plain.texts().get(i), markdown);
      }
    }
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
  void a_repeated_heading_added_above_the_others_takes_a_new_key_and_moves_none() {
    String stored = splitter.withUniqueKeys("## Exemple\nUn.\n\n## Exemple\nDeux.\n");
    String again =
        splitter.withUniqueKeys(
            "## Exemple\nZéro.\n\n## Exemple\nUn.\n\n## Exemple\nDeux.\n", stored, Set.of());
    assertEquals(
        Map.of("exemple-3", "Zéro.", "exemple", "Un.", "exemple-2", "Deux."),
        textsByKey(splitter.split(again, "x")));
  }

  @Test
  void an_edited_repeat_keeps_its_key_and_a_removed_one_leaves_its_key_unused() {
    String stored =
        splitter.withUniqueKeys(
            "## Notes\nAppeler le client avant midi.\n\n## Notes\nEnvoyer la facture le 3.\n\n"
                + "## Notes\nArchiver le dossier.\n");
    String again =
        splitter.withUniqueKeys(
            "## Notes\nEnvoyer la facture le 5 du mois.\n\n## Notes\nArchiver le dossier.\n",
            stored,
            Set.of());
    Map<String, String> keys = textsByKey(splitter.split(again, "x"));
    assertEquals("Envoyer la facture le 5 du mois.", keys.get("notes-2"), keys.toString());
    assertEquals("Archiver le dossier.", keys.get("notes-3"), keys.toString());
    assertFalse(keys.containsKey("notes"), "the removed one's key is given to none: " + keys);
  }

  @Test
  void repeats_edited_past_recognition_keep_their_keys_in_order() {
    String stored = splitter.withUniqueKeys("## Étape\nA.\n\n## Étape\nB.\n");
    String again = splitter.withUniqueKeys("## Étape\nC.\n\n## Étape\nD.\n", stored, Set.of());
    assertEquals(Map.of("etape", "C.", "etape-2", "D."), textsByKey(splitter.split(again, "x")));
  }

  @Test
  void a_repeat_never_takes_the_key_another_heading_now_has() {
    String stored = splitter.withUniqueKeys("## Notes\na\n\n## Notes\nb\n");
    String again =
        splitter.withUniqueKeys(
            "## Notes 2\nautre\n\n## Notes\nb\n\n## Notes\nc\n", stored, Set.of());
    Map<String, String> keys = textsByKey(splitter.split(again, "x"));
    assertEquals("autre", keys.get("notes-2"), keys.toString());
    assertEquals(3, keys.size(), keys.toString());
  }

  @Test
  void each_edited_repeat_takes_the_key_of_the_one_it_is_most_like() {
    String stored =
        "## Exemple\nouvrir le dossier client verifier facture\n\n"
            + "## Exemple {#exemple-2}\nouvrir le dossier client archiver copie\n";
    String again =
        splitter.withUniqueKeys(
            "## Exemple\nouvrir le dossier client\n\n"
                + "## Exemple\nouvrir le dossier client archiver copie vite\n",
            stored,
            Set.of());
    Map<String, String> keys = textsByKey(splitter.split(again, "x"));
    assertEquals(
        "ouvrir le dossier client archiver copie vite", keys.get("exemple-2"), keys.toString());
    assertEquals("ouvrir le dossier client", keys.get("exemple"), keys.toString());
  }

  @Test
  void a_grown_section_keeps_its_key_when_a_repeat_of_it_arrives() {
    String again =
        splitter.withUniqueKeys(
            "## Exemple\nCommander le papier A4 chez Lyreco avant vendredi.\n\n"
                + "## Exemple\nRelancer le fournisseur.\n",
            "## Exemple\nCommander le papier.\n",
            Set.of());
    Map<String, String> keys = textsByKey(splitter.split(again, "x"));
    assertEquals(
        "Commander le papier A4 chez Lyreco avant vendredi.", keys.get("exemple"), keys.toString());
  }

  @Test
  void a_new_repeat_takes_neither_a_removed_procedure_s_key_nor_another_title_s() {
    String again =
        splitter.withUniqueKeys(
            "## Exemple\nA\n\n## Exemple\nC\n", "## Exemple\nA\n", Set.of("exemple", "exemple-2"));
    Map<String, String> keys = textsByKey(splitter.split(again, "x"));
    assertEquals(Map.of("exemple", "A", "exemple-3", "C"), keys, "exemple-2 was B's, removed");

    String steps =
        splitter.withUniqueKeys(
            "## Step\nNew A.\n\n## Step\nNew B.\n",
            "## Step 1\nOld one.\n\n## Step 2\nOld two.\n",
            Set.of("step-1", "step-2"));
    assertEquals(
        Map.of("step", "New A.", "step-3", "New B."), textsByKey(splitter.split(steps, "x")));
  }

  private Map<String, String> textsByKey(Procedures procedures) {
    Map<String, String> texts = new HashMap<>();
    for (Section section : procedures.sections()) {
      String markdown = section.markdown();
      texts.put(section.key(), markdown.substring(markdown.indexOf('\n') + 1).strip());
    }
    return texts;
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

  @Test
  void a_heading_with_nothing_to_slug_keeps_its_key_when_a_procedure_is_inserted_above() {
    String before = "## Appels\nA.\n\n## ☎️\nNuméros.\n\n## Доставка\nB.\n";
    String after = "## Nouveau\nN.\n\n" + before;
    List<String> keysBefore = keys(before);
    List<String> keysAfter = keys(after);
    assertEquals(keysBefore, keysAfter.subList(1, 4));
    assertTrue(keysBefore.get(1).matches("procedure-[0-9a-f]{8}"), keysBefore.get(1));
    assertFalse(keysBefore.get(1).equals(keysBefore.get(2)), "two titles, two keys");
    // The rendered page links each procedure under the same key.
    String html = new MarkdownRenderer().render(after);
    for (String key : keysAfter) {
      assertTrue(html.contains("id=\"" + key + "\""), key + " in " + html);
    }
  }

  @Test
  void positional_keys_are_written_into_the_text_as_they_were() {
    String text =
        "## Appels\nA.\n\n## ☎️ ##\nNuméros.\n\n## 📞 {#tel}\nT.\n\n"
            + "✅\n☑️\n---\nS.\n\n##\nVide.\n";
    ProcedureSplitter.Pinned pinned = splitter.pinPositionalKeys(text);
    assertEquals(List.of("procedure-2", "procedure-4", "procedure-5"), pinned.keys());
    assertEquals(
        "## Appels\nA.\n\n## ☎️ {#procedure-2}\nNuméros.\n\n## 📞 {#tel}\nT.\n\n"
            + "✅\n☑️ {#procedure-4}\n---\nS.\n\n## {#procedure-5}\nVide.\n",
        pinned.markdown());
    List<Section> sections = splitter.split(pinned.markdown(), "M").sections();
    assertEquals(
        List.of("appels", "procedure-2", "tel", "procedure-4", "procedure-5"),
        sections.stream().map(Section::key).toList());
    assertEquals(
        List.of("Appels", "☎️", "📞", "✅ ☑️", "procedure-5"),
        sections.stream().map(Section::title).toList());
    String plain = "## Appels\nA.\n";
    assertEquals(plain, splitter.pinPositionalKeys(plain).markdown());
  }

  private List<String> keys(String markdown) {
    return splitter.split(markdown, "M").sections().stream().map(Section::key).toList();
  }

  @Test
  void a_heading_renamed_over_the_same_text_keeps_its_key_and_only_then() {
    String before = "## Archvier\nVendredi.\n\n## Trier\nLundi.\n\n## Vide\n";
    assertEquals(
        "## Archiver {#archvier}\nVendredi.\n\n## Trier\nLundi.\n\n## Vide\n",
        splitter.keepKeysOfRenamed(
            before, "## Archiver\nVendredi.\n\n## Trier\nLundi.\n\n## Vide\n"));
    String otherText = "## Archiver\nSamedi.\n\n## Trier\nLundi.\n\n## Vide\n";
    assertEquals(otherText, splitter.keepKeysOfRenamed(before, otherText), "another procedure");
    String ownId = "## Archiver {#ranger}\nVendredi.\n\n## Trier\nLundi.\n\n## Vide\n";
    assertEquals(ownId, splitter.keepKeysOfRenamed(before, ownId), "its own id wins");
    String emptyRenamed = "## Archvier\nVendredi.\n\n## Trier\nLundi.\n\n## Vidé\n";
    assertEquals(
        emptyRenamed, splitter.keepKeysOfRenamed(before, emptyRenamed), "no text, no match");
    // Setext: the id goes after the heading's last line.
    assertEquals(
        "Archiver\nles mails {#archvier}\n---\nVendredi.\n",
        splitter.keepKeysOfRenamed(
            "## Archvier\nVendredi.\n", "Archiver\nles mails\n---\nVendredi.\n"));
  }

  @Test
  void a_repeated_heading_over_two_lines_gets_its_id_on_its_last_line() {
    String fixed = splitter.withUniqueKeys("Notes\nsuite\n-----\na\n\nNotes\nsuite\n-----\nb\n");
    assertEquals("Notes\nsuite\n-----\na\n\nNotes\nsuite {#notes-suite-2}\n-----\nb\n", fixed);
    List<Section> sections = splitter.split(fixed, "Titre").sections();
    assertEquals(
        List.of("notes-suite", "notes-suite-2"), sections.stream().map(Section::key).toList());
    assertFalse(sections.get(1).title().contains("{#"), sections.get(1).title());
  }
}
