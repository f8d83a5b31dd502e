package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
  private final MarkdownRenderer renderer = new MarkdownRenderer();

  /**
   * Every block of the sample manuals gives its words, with assertions on (flexmark checks its own
   * sequence lengths then, and a failing check once stopped the indexer for good).
   */
  @Test
  void plain_text_of_every_sample_manual() throws Exception {
    MarkdownRenderer renderer = new MarkdownRenderer();
    try (var files = Files.list(Path.of("manuals"))) {
      for (var file : files.toList()) {
        String text = Files.readString(file);
        String plain = renderer.plainText(text);
        assertTrue(plain.length() > text.length() / 2, file.toString());
        assertFalse(plain.contains("**"), file.toString());
      }
    }
  }

  @Test
  void a_table_gives_its_cells_without_its_separator_line() {
    String plain = renderer.plainText("| Ville | Hôtel |\n| --- | :---: |\n| Lyon | Le Royal |\n");
    assertTrue(plain.contains("Ville Hôtel") && plain.contains("Lyon Le Royal"), plain);
    assertFalse(plain.contains("---"), plain);
  }

  @Test
  void a_malicious_manual_renders_without_any_active_content() {
    String hostile =
        """
        ## Piège <script>alert(1)</script>
        <script>alert('raw')</script>
        <img src="x" onerror="alert(2)">
        <iframe src="https://evil.example"></iframe>
        [a](javascript:alert(3)) [b](JavaScript:alert(4)) [c](jav&#x61;script:alert(5))
        [d](javascript&#58;alert(6)) [e](data:text/html;base64,PHNjcmlwdD4=) [f](vbscript:msgbox(7))
        ![g](javascript:alert(8))
        <a href="javascript:alert(9)">h</a>
        <svg onload="alert(10)"></svg>
        """;
    String html = renderer.render(hostile).toLowerCase(Locale.ROOT);

    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<iframe"), html);
    assertFalse(html.contains("<svg"), html);
    assertFalse(html.contains("onerror="), html);
    assertFalse(html.contains("onload="), html);
    assertFalse(html.contains("href=\"javascript"), html);
    assertFalse(html.contains("href=\"data:"), html);
    assertFalse(html.contains("href=\"vbscript"), html);
    assertFalse(html.contains("src=\"javascript"), html);
    assertFalse(html.matches("(?s).*href=\"[^\"]*script[^\"]*\".*"), html);
    assertTrue(html.contains("&lt;script&gt;"), "raw HTML is shown as text, not dropped: " + html);
  }

  @Test
  void gfm_tables_task_lists_strikethrough_and_autolinks_render() {
    String html =
        renderer.render(
            """
            | Jour | Tâche |
            |------|-------|
            | Lundi | Relevés |

            - [x] fait
            - [ ] à faire

            ~~ancien~~ https://example.com
            """);
    assertTrue(html.contains("<table>"), html);
    assertTrue(html.contains("<td>Lundi</td>"), html);
    assertTrue(html.contains("type=\"checkbox\""), html);
    assertTrue(html.contains("<del>ancien</del>"), html);
    assertTrue(html.contains("href=\"https://example.com\""), html);
  }

  @Test
  void procedure_headings_carry_their_key_as_anchor_and_hide_the_marker() {
    String html = renderer.render("## Réserver un vol {#vols}\ntexte\n\n## Hôtel\n\n### Étapes\n");
    assertTrue(html.contains("<h2 id=\"vols\">Réserver un vol</h2>"), html);
    assertTrue(html.contains("<h2 id=\"hotel\">Hôtel</h2>"), html);
    assertTrue(html.contains("<h3 id=\"etapes\">"), html);
    assertFalse(html.contains("{#"), html);
  }

  @Test
  void the_marker_is_hidden_after_an_address_in_the_heading() {
    String html =
        renderer.render(
            "## Support : help@client.fr {#support}\ntexte\n\n## Site www.client.fr {#site}\n");
    assertTrue(html.contains("<h2 id=\"support\">"), html);
    assertTrue(html.contains("<h2 id=\"site\">"), html);
    assertFalse(html.contains("{#"), html);
  }
}
