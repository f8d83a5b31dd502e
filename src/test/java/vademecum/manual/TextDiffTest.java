package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
