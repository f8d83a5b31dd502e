package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vademecum.manual.RenderedDiff.Block;
import vademecum.manual.RenderedDiff.Kind;
import vademecum.markdown.MarkdownRenderer;

/** The rendered comparison shows the text as it reads, never its Markdown syntax. */
class RenderedDiffTest {
  private final RenderedDiff diff = new RenderedDiff(new MarkdownRenderer());

  private static List<Block> of(RenderedDiff.Result result, Kind kind) {
    return result.blocks().stream().filter(b -> b.kind() == kind).toList();
  }

  @Test
  void a_changed_paragraph_table_row_and_list_item_read_as_text_with_the_change_marked() {
    String before =
        "## Vols {#vols}\n\nRéserver **jamais** avant 7 h.\n\n"
            + "| Client | Carte |\n| --- | --- |\n| Dupont | Visa |\n\n"
            + "1. Ouvrir l'outil\n2. Choisir le vol\n3. Payer\n";
    String after =
        "## Vols {#vols}\n\nRéserver **jamais** avant 8 h.\n\n"
            + "| Client | Carte |\n| --- | --- |\n| Dupont | Amex |\n\n"
            + "1. Ouvrir l'outil\n2. Choisir le vol le moins cher\n3. Payer\n";
    RenderedDiff.Result result = diff.diff(before, after);
    String all = String.join("\n", result.blocks().stream().map(Block::html).toList());
    assertFalse(all.contains("**"), all);
    assertFalse(all.contains("| ---"), all);
    assertTrue(all.contains("<strong>jamais</strong>"), all);
    assertTrue(all.contains("<table>"), all);

    List<Block> added = of(result, Kind.ADDED);
    List<Block> removed = of(result, Kind.REMOVED);
    assertEquals(3, added.size(), "paragraph, table, list item: " + added);
    assertEquals(3, removed.size());
    assertTrue(added.get(0).html().contains("8 h"));
    assertTrue(removed.get(0).html().contains("7 h"));
    assertTrue(added.get(1).html().contains("Amex") && added.get(1).html().contains("<td>"));
    assertTrue(
        added.get(2).html().contains("<ol start=\"2\">") && added.get(2).html().contains("moins"),
        "a numbered item keeps its number: " + added.get(2).html());
    assertTrue(
        result.blocks().stream()
            .anyMatch(b -> b.kind() == Kind.SAME && b.html().contains("Ouvrir l")),
        "unchanged neighbours are shown");
  }

  @Test
  void long_unchanged_stretches_are_folded_and_hostile_markdown_stays_inert() {
    StringBuilder before = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      before.append("Paragraphe ").append(i).append(".\n\n");
    }
    String after =
        before.toString().replace("Paragraphe 10.", "Paragraphe dix <script>alert(1)</script>");
    RenderedDiff.Result result = diff.diff(before.toString(), after);
    List<Block> folded = of(result, Kind.FOLDED);
    assertEquals(2, folded.size(), "before and after the change");
    assertEquals(7, folded.get(0).count());
    assertEquals(8, folded.get(1).count());
    assertTrue(folded.get(0).html().contains("Paragraphe 1."), "folded, not dropped");
    String all = String.join("\n", result.blocks().stream().map(Block::html).toList());
    assertFalse(all.contains("<script"), all);
    assertTrue(of(result, Kind.ADDED).get(0).html().contains("Paragraphe dix"));
    assertFalse(result.identical());
    assertTrue(diff.diff(before.toString(), before.toString()).identical());
  }
}
