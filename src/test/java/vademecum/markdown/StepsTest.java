package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepsTest {
  private final MarkdownRenderer markdown = new MarkdownRenderer();

  @Test
  void numbered_items_and_task_items_are_steps_in_order_and_their_nested_lists_are_details() {
    String procedure =
        """
        ## Rapprochement bancaire

        Avant de commencer, ouvrir le relevé.

        1. Exporter le relevé **du mois** depuis la banque.
           - au format CSV
           - sans les virements internes
        2. Importer le fichier dans le logiciel.

        - un point qui n'est pas une étape
        - [ ] Pointer chaque ligne
        - [x] Envoyer le [résumé](https://example.com) au client
        """;
    assertEquals(
        List.of(
            "Exporter le relevé **du mois** depuis la banque.",
            "Importer le fichier dans le logiciel.",
            "Pointer chaque ligne",
            "Envoyer le [résumé](https://example.com) au client"),
        Steps.of(markdown, procedure));
  }

  @Test
  void a_procedure_without_lists_has_no_step() {
    assertEquals(
        List.of(), Steps.of(markdown, "## Politique\n\nNe jamais répondre le dimanche.\n"));
  }
}
