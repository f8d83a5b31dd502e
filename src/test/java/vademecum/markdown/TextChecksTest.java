package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import vademecum.web.Translations;

class TextChecksTest {
  @Test
  void nesting_counts_quotes_list_markers_and_indentation_on_a_line() {
    int limit = TextChecks.MAX_NESTING;
    assertEquals(Optional.empty(), TextChecks.lineNestedTooDeeply("> ".repeat(limit) + "a"));
    assertEquals(Optional.of(2), TextChecks.lineNestedTooDeeply("a\n" + ">".repeat(limit + 1)));
    assertEquals(Optional.of(1), TextChecks.lineNestedTooDeeply("> - ".repeat(limit / 2 + 1)));
    assertEquals(
        Optional.of(1), TextChecks.lineNestedTooDeeply("1. ".repeat(limit / 2) + "2) ".repeat(51)));
    assertEquals(
        Optional.of(3), TextChecks.lineNestedTooDeeply("a\nb\n" + " ".repeat(2 * limit + 2)));
    assertEquals(Optional.empty(), TextChecks.lineNestedTooDeeply(" ".repeat(2 * limit) + "code"));
  }

  @Test
  void a_long_horizontal_rule_and_ordinary_text_are_not_nesting() {
    assertEquals(Optional.empty(), TextChecks.lineNestedTooDeeply("- ".repeat(5_000)));
    assertEquals(Optional.empty(), TextChecks.lineNestedTooDeeply("* ".repeat(5_000)));
    assertEquals(Optional.empty(), TextChecks.lineNestedTooDeeply("-a ".repeat(5_000)));
    assertEquals(
        Optional.empty(), TextChecks.lineNestedTooDeeply("En 2026. Puis > - ".repeat(5_000)));
  }

  @Test
  void a_lone_carriage_return_ends_a_line_as_flexmark_reads_it() {
    assertEquals(3, TextChecks.lineCount("a\rb\r\nc"));
    assertEquals(3, TextChecks.lineCount("a\nb\nc"));
    assertEquals(2001, TextChecks.headingLines("## a\r".repeat(2001)));
    assertEquals(2001, TextChecks.headingLines("## a\r\n".repeat(2001)));
    assertTrue(TextChecks.problem("## a\r".repeat(2001)).orElseThrow().contains("at most 2000"));
    assertEquals(
        Optional.of(3),
        TextChecks.lineNestedTooDeeply("a\r\nb\r" + ">".repeat(TextChecks.MAX_NESTING + 1)));
    assertEquals("a\nb\nc\n", LineEnds.unix("\uFEFFa\r\nb\rc\n"));
  }

  @Test
  void the_first_problem_names_its_line() {
    String text = "## A\n\n" + "> ".repeat(200) + "\n[a](".repeat(1);
    assertTrue(TextChecks.problem(text).orElseThrow().startsWith("Line 3 is nested more than"));
    assertTrue(TextChecks.problem("x\n" + "[a](".repeat(20)).orElseThrow().startsWith("Line 2 "));
    assertTrue(TextChecks.problem("## a\n".repeat(2001)).orElseThrow().contains("at most 2000"));
    assertEquals(Optional.empty(), TextChecks.problem("## Étape\n1. Ouvrir\n   > note\n"));
  }

  @Test
  void a_text_of_more_lines_than_a_manual_holds_is_refused_before_parsing() {
    assertEquals(Optional.empty(), TextChecks.problem("- a\n".repeat(TextChecks.MAX_LINES - 1)));
    assertEquals(
        "A manual holds at most 40000 lines; this text has 40001. Split it into several manuals.",
        TextChecks.problem("- a\n".repeat(TextChecks.MAX_LINES)).orElseThrow());
  }

  @Test
  void a_text_of_more_inline_marks_than_a_manual_holds_is_refused_before_parsing() {
    int units = TextChecks.MAX_INLINE_MARKS / 2;
    assertEquals(Optional.empty(), TextChecks.problem("[a][".repeat(units)));
    assertEquals(
        Optional.empty(), TextChecks.problem("*a _b ~c `d <e &f \\g [h ".repeat(units / 4)));
    assertEquals(
        "A manual holds at most 200000 Markdown marks (* _ ~ ` [ < & \\); this text has 200002."
            + " Split it into several manuals.",
        TextChecks.problem("_a_b".repeat(units + 1)).orElseThrow());
    assertEquals(
        "Un manuel compte au plus 200000 marques Markdown (* _ ~ ` [ < & \\) ; ce texte en a"
            + " 200002. Répartissez-le en plusieurs manuels.",
        Translations.translate("fr", TextChecks.problem("_a_b".repeat(units + 1)).orElseThrow()));
  }
}
