package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportTextTest {

  @Test
  void a_comment_marker_in_inline_code_is_an_example_not_a_comment() {
    String example = "Insérez `<!-- signature -->` à la fin.";
    assertEquals(example, ImportCleaner.clean(example));
    String arrow = "Tapez `<!--` pour commencer.\nPuis ouvrez Menu --> Réglages.\nEt enregistrez.";
    assertEquals(arrow, ImportCleaner.clean(arrow));
    // A real comment beside code is still removed.
    assertEquals("Voir `a`  fin.", ImportCleaner.clean("Voir `a` <!-- note --> fin."));
    String manyOpenings = "`<!--` ".repeat(20_000);
    assertEquals(manyOpenings, ImportCleaner.clean(manyOpenings));
  }

  @Test
  void front_matter_values_are_read_as_written_and_lang_is_no_export_mark() {
    assertEquals(
        "2024-03-01", FrontMatter.parse("---\ntitle: 2024-03-01\n---\nx").title().orElseThrow());
    assertEquals("1.10", FrontMatter.parse("---\ntitle: 1.10\n---\nx").title().orElseThrow());
    assertEquals("no", FrontMatter.parse("---\nlanguage: no\n---\nx").language().orElseThrow());
    assertEquals(
        List.of("2024", "yes"), FrontMatter.parse("---\ntags: [2024, yes]\n---\nx").tags());
    // A Jekyll or Eleventy page names its language "lang": not one of our exports.
    assertFalse(FrontMatter.parse("---\nslug: accueil\nlang: fr\n---\nx").fromVademecum());
    assertTrue(FrontMatter.parse("---\nslug: accueil\nlanguage: fr\n---\nx").fromVademecum());
    assertEquals("fr", FrontMatter.parse("---\nlang: fr\n---\nx").language().orElseThrow());
    assertTrue(FrontMatter.parse("---\ntitle: ~\ndescription: null\n---\nx").title().isEmpty());
    assertTrue(FrontMatter.parse("---\ndescription: null\n---\nx").description().isEmpty());
  }

  @Test
  void front_matter_gives_title_language_tags_and_description() {
    FrontMatter front =
        FrontMatter.parse(
            "---\ntitle: Tri des e-mails\nlanguage: fr\ntags: [Email, quotidien]\ndescription: Le matin.\n---\nCorps\n");
    assertEquals("Tri des e-mails", front.title().orElseThrow());
    assertEquals("fr", front.language().orElseThrow());
    assertEquals(List.of("email", "quotidien"), front.tags());
    assertEquals("Le matin.", front.description().orElseThrow());
    assertEquals("Corps\n", front.body());
  }

  @Test
  void keywords_as_a_comma_separated_string_are_tags() {
    assertEquals(List.of("a", "b c"), FrontMatter.parse("---\nkeywords: a, b c\n---\n").tags());
  }

  @Test
  void malformed_front_matter_names_the_line() {
    var error =
        assertThrows(
            FrontMatter.InvalidFrontMatter.class,
            () -> FrontMatter.parse("---\ntitle: ok\ntags: [unclosed\nother: x\n---\nbody"));
    assertTrue(error.line >= 3, "line " + error.line);
  }

  @Test
  void escapes_that_make_a_nul_or_half_a_character_are_refused_with_their_line() {
    // The file's text holds only "\0" and "\uD83D"; YAML turns them into what PostgreSQL
    // refuses (a 500 at the import's confirmation) or stores as "?".
    var nul =
        assertThrows(
            FrontMatter.InvalidFrontMatter.class,
            () -> FrontMatter.parse("---\ntitle: \"Guide\\0\"\n---\nbody"));
    assertEquals(2, nul.line);
    assertTrue(nul.getMessage().contains("title"), nul.getMessage());
    var half =
        assertThrows(
            FrontMatter.InvalidFrontMatter.class,
            () -> FrontMatter.parse("---\ntitle: ok\ntags: [\"a\\uD83D\"]\n---\nbody"));
    assertEquals(3, half.line);
    assertEquals(
        "Guide 😀",
        FrontMatter.parse("---\ntitle: \"Guide \\uD83D\\uDE00\"\n---\n").title().orElseThrow());
  }

  @Test
  void template_tags_and_comments_are_removed_but_code_is_kept() {
    String cleaned =
        ImportCleaner.clean(
            """
            {% include note.html %}
            Texte {{< hint >}}visible{{< /hint >}}.
            <!-- note for editors -->
            {{generator:team_members_list}}
            Use `{% raw %}` here.
            ```
            {{ github.actor }} {% keep %}
            ```
            """);
    assertFalse(cleaned.contains("include note"), cleaned);
    assertFalse(cleaned.contains("hint"), cleaned);
    assertFalse(cleaned.contains("note for editors"), cleaned);
    assertFalse(cleaned.contains("generator"), cleaned);
    assertTrue(cleaned.contains("Texte visible."), cleaned);
    assertTrue(cleaned.contains("`{% raw %}`"), cleaned);
    assertTrue(cleaned.contains("{{ github.actor }} {% keep %}"), cleaned);
  }

  @Test
  void an_html_anchor_in_a_heading_becomes_its_explicit_id() {
    assertEquals(
        "## Formatage des fichiers csv {#formatage-csv}\n",
        ImportCleaner.clean("## Formatage des fichiers csv <a name=\"formatage-csv\"></a>\n"));
  }

  @Test
  void language_is_guessed_from_common_words() {
    assertEquals(
        "fr", LanguageGuess.guess("Les factures sont dans le dossier et la banque.", "en"));
    assertEquals("en", LanguageGuess.guess("The invoices are in the folder and the bank.", "fr"));
  }

  @Test
  void a_rule_then_prose_then_a_rule_is_no_front_matter_and_loses_nothing() {
    String text = "---\nUne phrase d'introduction.\n---\n\n## Étape\nFaire.\n";
    FrontMatter front = FrontMatter.parse(text);
    assertEquals(text, front.body());
    assertEquals(List.of(), front.ignored());
    // Nor prose that is no YAML at all: the file was refused.
    String french = "---\nPremière ligne.\nAttention : lire ceci\n---\n\n## Étape\nFaire.\n";
    assertEquals(french, FrontMatter.parse(french).body());
  }

  @Test
  void code_in_list_steps_and_double_backtick_spans_is_left_as_written() {
    String step = "1. Copier le gabarit :\n\n    ```liquid\n    {% if client %}\n    ```\n";
    assertEquals(step, ImportCleaner.clean(step));
    String indented = "Exemple :\n\n    {% raw %}{{ x }}{% endraw %}\n";
    assertEquals(indented, ImportCleaner.clean(indented));
    assertEquals(
        "Tapez ``{% raw %}`` ici .",
        ImportCleaner.clean("Tapez ``{% raw %}`` ici {% include note.html %}."));
    assertEquals("a ` b ", ImportCleaner.outsideInlineCode("a ` b {%x%}"), "a lone backtick");
    // An indented line inside a comment, or a line of spaces, is the comment's: removed whole.
    assertEquals(
        "Avant.\n\nAprès.", ImportCleaner.clean("Avant.\n<!--\n    brouillon\n    \n-->\nAprès."));
    assertEquals("a `{%x%}` ", ImportCleaner.outsideInlineCode("a `{%x%}` {% y %}"));
  }
}
