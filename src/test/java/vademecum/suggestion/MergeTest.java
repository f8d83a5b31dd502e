package vademecum.suggestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MergeTest {
  private static final String BASE =
      """
      # Frais

      ## Rembourser

      1. Ouvrir le tableur.
      2. Payer avec la carte bleue.

      ## Classer

      Ranger les reçus.
      """;

  @Test
  void changes_to_different_procedures_are_both_kept() {
    String current = BASE.replace("Ranger les reçus.", "Ranger les reçus dans le classeur.");
    String proposed = BASE.replace("la carte bleue.", "la carte verte.");
    assertEquals(
        Optional.of(
            BASE.replace("Ranger les reçus.", "Ranger les reçus dans le classeur.")
                .replace("la carte bleue.", "la carte verte.")),
        Merge.of(BASE, current, proposed));
  }

  @Test
  void changes_to_the_same_line_or_adjacent_lines_conflict() {
    String current = BASE.replace("la carte bleue.", "la carte noire.");
    assertTrue(
        Merge.of(BASE, current, BASE.replace("la carte bleue.", "la carte verte.")).isEmpty());
    assertTrue(
        Merge.of(BASE, current, BASE.replace("Ouvrir le tableur.", "Ouvrir le classeur."))
            .isEmpty(),
        "the line before, changed on the other side");
    // Two insertions at the same place.
    String addedHere = BASE.replace("2. Payer", "3. Garder le reçu.\n2. Payer");
    String addedThere = BASE.replace("2. Payer", "3. Photographier le reçu.\n2. Payer");
    assertTrue(Merge.of(BASE, addedHere, addedThere).isEmpty());
  }

  @Test
  void the_same_change_on_both_sides_is_applied_once() {
    String both = BASE.replace("la carte bleue.", "la carte verte.");
    assertEquals(Optional.of(both), Merge.of(BASE, both, both));
    String more = both.replace("Ranger les reçus.", "Ranger.");
    assertEquals(Optional.of(more), Merge.of(BASE, both, more));
  }

  @Test
  void nothing_changed_on_one_side_gives_the_other() {
    String proposed = BASE + "\n## Nouvelle\n\nTexte.\n";
    assertEquals(Optional.of(proposed), Merge.of(BASE, BASE, proposed));
    assertEquals(Optional.of(proposed), Merge.of(BASE, proposed, BASE));
  }
}
