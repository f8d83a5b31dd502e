package vademecum.markdown;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Inputs that make Markdown parsers do superlinear work (the cmark and md4c pathological suites,
 * and what the second security review found in flexmark), each made to any size. Used by the
 * hostile-input test, which checks that the time grows about linearly, and by {@code
 * MarkdownGrowth}, which prints the times.
 */
public final class PathologicalMarkdown {
  private PathologicalMarkdown() {}

  /** Name → generator of a text of about the given number of bytes. */
  public static Map<String, IntFunction<String>> all() {
    Map<String, IntFunction<String>> all = new LinkedHashMap<>();
    all.put("unclosed links [a](", n -> repeat("[a](", n));
    all.put("unclosed links [ (](", n -> repeat("[ (](", n));
    all.put("empty links [](", n -> repeat("[](", n));
    all.put("open brackets [", n -> repeat("[", n));
    all.put("open brackets with text [a ", n -> repeat("[a ", n));
    all.put("images ![", n -> repeat("![", n));
    all.put("brackets closed later", n -> repeat("[", n / 2) + repeat("]", n / 2));
    all.put("link destination <", n -> repeat("[a](<b", n));
    all.put("link titles", n -> repeat("[a](b \"", n));
    all.put("references [a][", n -> repeat("[a][", n));
    all.put("references [a][ to the limit, then prose", n -> toTheLimit("[a][", 2, n));
    all.put("emphasis *", n -> repeat("*", n));
    all.put("emphasis *a", n -> repeat("*a ", n));
    all.put("emphasis _a_b", n -> repeat("_a", n));
    all.put("emphasis _a_b to the limit, then prose", n -> toTheLimit("_a", 1, n));
    all.put("strong **a", n -> repeat("**a ", n));
    all.put("strikethrough ~~a", n -> repeat("~~a ", n));
    all.put("backticks \\``", n -> repeat("\\``", n));
    all.put("backtick runs", n -> backtickRuns(n));
    // The import's cleaner reads a line's code spans when it has a brace.
    all.put("backtick runs after a template tag", n -> "{% x %}" + backtickRuns(n));
    all.put("escapes \\*", n -> repeat("\\*", n));
    all.put("thematic break * * *", n -> repeat("* ", n));
    all.put("angle brackets <>", n -> repeat("<>", n));
    all.put("autolink starts <a", n -> repeat("<a", n));
    all.put("autolinks www.", n -> repeat("www.a ", n));
    all.put("urls http://a", n -> repeat("http://a.b/(", n));
    all.put("html comments <!--", n -> repeat("a <!-- ", n));
    all.put("entities &#", n -> repeat("&#", n));
    all.put("nested quotes and lists > - ", n -> repeat("> - ", n) + "a\n");
    all.put("nested quotes >", n -> repeat("> ", n) + "a\n");
    all.put("nested lists", n -> nestedLists(n, 2_000));
    all.put("nested lists, allowed depth", n -> nestedLists(n, 99));
    all.put("nested quotes, allowed depth", n -> repeat("> ".repeat(99) + "a\n", n));
    all.put("many list items", n -> repeat("- a\n", n));
    all.put("table columns |", n -> "|" + repeat("a|", n / 2) + "\n|" + repeat("-|", n / 2) + "\n");
    all.put("table rows", n -> "|a|b|\n|-|-|\n" + repeat("|a|b|\n", n));
    all.put("task lists", n -> repeat("- [ ] a\n", n));
    all.put("reference definitions", n -> repeat("[a]: b\n", n));
    all.put("setext underlines", n -> repeat("a\n-\n", n));
    all.put("headings ##", n -> repeat("## a\n", n).substring(0, Math.min(n, 9_000)));
    all.put("a heading of spaces", n -> "## a" + " ".repeat(n) + "b\n");
    all.put(
        "two headings of spaces",
        n -> "## a" + " ".repeat(n / 2) + "b\n\n## a" + " ".repeat(n / 2) + "b\n");
    all.put("a first line of spaces", n -> "# a" + " ".repeat(n) + "b\n");
    all.put("a heading of spaces then an anchor", n -> "## a" + " ".repeat(n) + "<a name=\"x\">\n");
    all.put("template tags {%", n -> repeat("{%", n));
    all.put("template tags {{<", n -> repeat("{{<", n));
    all.put("template tags {{generator:", n -> repeat("{{generator:", n));
    all.put("html comments <!-- on lines", n -> repeat("<!--\n", n));
    return all;
  }

  /**
   * What importing, saving, publishing and previewing a manual do with its text: refuse it when
   * {@link TextChecks} does (as the server does, before any parsing), else clean it as an import
   * does, split it into procedures, take its plain text for search, render and sanitise it.
   *
   * @return false when the text is refused
   */
  public static boolean process(MarkdownRenderer markdown, String text) {
    if (TextChecks.problem(text).isPresent()) {
      return false;
    }
    // What an import does first with a file's text, then with its repeated headings.
    ImportCleaner.leadingHeading(ImportCleaner.clean(text));
    markdown.splitter().withUniqueKeys(text);
    try {
      // A publish records each procedure's content hash (what asks assistants to reread).
      markdown.splitter().split(text, "Titre").sections().forEach(Section::contentHash);
    } catch (DuplicateProcedureKey refused) {
      // two headings with one key: a save is refused here, after the same parse
    }
    try {
      markdown.splitter().plain(text, "Titre");
    } catch (DuplicateProcedureKey refused) {
      // the same
    }
    markdown.render(text);
    return true;
  }

  /** What a preview does: the same refusals, then one render. */
  public static boolean preview(MarkdownRenderer markdown, String text) {
    if (TextChecks.problem(text).isPresent()) {
      return false;
    }
    markdown.render(text);
    return true;
  }

  /**
   * As many units as the inline-mark limit lets in (each holds {@code marks}), then ordinary prose
   * up to the size: the worst of a shape that a save accepts.
   */
  private static String toTheLimit(String unit, int marks, int bytes) {
    String limited =
        unit.repeat(Math.min(bytes / unit.length(), TextChecks.MAX_INLINE_MARKS / marks));
    return limited + repeat("Une phrase ordinaire. ", bytes - limited.length());
  }

  private static String repeat(String unit, int bytes) {
    return unit.repeat(Math.max(1, bytes / unit.length()));
  }

  private static String backtickRuns(int bytes) {
    StringBuilder text = new StringBuilder();
    for (int run = 1; text.length() < bytes; run = run % 200 + 1) {
      text.append("`".repeat(run)).append('a');
    }
    return text.toString();
  }

  private static String nestedLists(int bytes, int deepest) {
    StringBuilder text = new StringBuilder();
    for (int depth = 0; text.length() < bytes; depth++) {
      text.append("  ".repeat(depth % deepest)).append("- a\n");
    }
    return text.toString();
  }
}
