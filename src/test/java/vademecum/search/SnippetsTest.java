package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnippetsTest {
  @Test
  void a_short_passage_is_kept_whole() {
    assertEquals(
        "Réserver le <mark>vol</mark>.", Snippets.around(" Réserver le <mark>vol</mark>. ", 200));
  }

  @Test
  void a_long_passage_is_cut_around_the_first_match_without_breaking_markup() {
    String words = "mot &amp; autre ".repeat(40);
    String html = words + "avant <mark>cible</mark> après " + words;
    String snippet = Snippets.around(html, 80);
    assertTrue(snippet.contains("<mark>cible</mark>"), snippet);
    assertTrue(snippet.startsWith("… ") && snippet.endsWith(" …"), snippet);
    assertFalse(snippet.matches(".*&[a-z]*( |$).*"), "no broken entity: " + snippet);
    assertTrue(snippet.length() < 140, snippet);
  }

  @Test
  void a_passage_without_spaces_is_cut_inside_the_text_outside_markup() {
    // A long address after the match: no space to cut at within the window.
    String html = "voir <mark>lien</mark> " + "https://exemple.fr/a&amp;b".repeat(30);
    String snippet = Snippets.around(html, 80);
    assertTrue(snippet.contains("<mark>lien</mark>"), snippet);
    assertFalse(snippet.matches(".*&[a-z]* …$"), "no broken entity at the end: " + snippet);
    String before = "https://exemple.fr/a&amp;b".repeat(30) + " <mark>lien</mark> fin";
    String cut = Snippets.around(before, 40);
    assertTrue(cut.contains("<mark>lien</mark>"), cut);
    assertFalse(cut.startsWith("… amp;") || cut.matches("… [a-z]*;.*"), cut);
  }
}
