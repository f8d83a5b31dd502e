package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightsTest {
  private static int[] at(String text, String word) {
    int start = text.indexOf(word);
    return new int[] {start, start + word.length()};
  }

  @Test
  void the_line_with_most_matches_is_shown_marked_and_escaped() {
    String text = "Réserver un vol\nLe vol <direct> & le train\nAutre ligne\nvol, train, vol";
    List<int[]> matches =
        List.of(
            at(text, "vol"),
            new int[] {text.indexOf("vol <"), text.indexOf("vol <") + 3},
            at(text, "train"),
            new int[] {text.lastIndexOf("vol,"), text.lastIndexOf("vol,") + 3},
            new int[] {text.lastIndexOf("train,"), text.lastIndexOf("train,") + 5},
            new int[] {text.lastIndexOf("vol"), text.lastIndexOf("vol") + 3});
    String html = Highlights.passage(text, matches);
    // The last line has three matches: it wins over the earlier ones with one or two.
    assertTrue(html.startsWith("<mark>vol</mark>, <mark>train</mark>, <mark>vol</mark>"), html);
  }

  @Test
  void a_short_line_takes_the_lines_after_it_and_text_is_escaped() {
    String text =
        "Vol\nPrendre le <b>billet</b> & \"partir\" à l'heure prévue, avec le client.\n"
            + "x".repeat(200);
    String html = Highlights.passage(text, List.of(at(text, "Vol")));
    assertTrue(
        html.startsWith("<mark>Vol</mark> Prendre le &lt;b&gt;billet&lt;/b&gt; &amp;"), html);
    assertTrue(html.contains("&quot;partir&quot; à l&#x27;heure"), html);
  }

  @Test
  void without_a_match_the_text_begins_the_snippet() {
    assertEquals("Premier paragraphe.", Highlights.passage("Premier paragraphe.", List.of()));
  }

  @Test
  void a_snippet_of_a_long_line_is_its_passage_cut_around_the_first_match() {
    // One paragraph of a few thousand characters, with escapes on both sides of the matches.
    String text =
        "Intro & <suite>\n"
            + "mot \"cité\" ".repeat(150)
            + "la facture du fournisseur & le relevé "
            + "autre 'mot' ".repeat(150);
    List<int[]> matches = List.of(at(text, "facture"), at(text, "fournisseur"));
    for (int length : new int[] {40, 80, 220}) {
      String snippet = Highlights.snippet(text, matches, length);
      assertEquals(Snippets.around(Highlights.passage(text, matches), length), snippet);
      assertTrue(snippet.startsWith("… ") && snippet.endsWith(" …"), snippet);
      assertTrue(snippet.contains("<mark>facture</mark>"), snippet);
    }
  }
}
