package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextDiffTest {
  @Test
  void changed_lines_mark_the_changed_words() {
    TextDiff.Result result =
        new TextDiff()
            .diff(
                "Réserver le train\nEnvoyer la facture\n", "Réserver le vol\nEnvoyer la facture\n");
    assertEquals(1, result.added());
    assertEquals(1, result.removed());
    TextDiff.Line added =
        result.lines().stream()
            .filter(l -> l.kind() == TextDiff.Kind.ADDED)
            .findFirst()
            .orElseThrow();
    assertTrue(added.segments().contains(new TextDiff.Segment("vol", true)), added.toString());
    assertTrue(
        added.segments().contains(new TextDiff.Segment("Réserver le ", false)), added.toString());
  }

  @Test
  void identical_texts_have_no_changes() {
    assertTrue(new TextDiff().diff("a\nb", "a\nb").identical());
  }

  @Test
  void a_rewrite_of_a_large_text_is_diffed_at_once() {
    // Every line of a 200 kB procedure rewritten: the words of one changed block of thousands of
    // lines were diffed together (minutes of a core for the inbox of every assistant).
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      before.append("Ligne ").append(i).append(" du texte d'origine avec quelques mots\n");
      after.append("Line ").append(i).append(" of the translated text with some words\n");
    }
    TextDiff.Result result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> new TextDiff().diff(before.toString(), after.toString()));
    assertEquals(4000, result.added());
    assertEquals(4000, result.removed());
  }
}
