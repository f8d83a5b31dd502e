package vademecum.suggestion;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vademecum.kernel.Refusal;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Section;

/** Cutting one procedure out of a manual's text and putting an edited one back in its place. */
final class Splice {
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*(?:[-*+]|\\d{1,9}[.)])\\s+)");

  private Splice() {}

  /**
   * Whether the procedure starts with a "## " line of its own, so that it can be put back alone.
   */
  static boolean editable(Section section) {
    return section.markdown().startsWith("## ") || section.markdown().startsWith("##\t");
  }

  /** The procedure's text in the manual, its heading line included. */
  static Optional<Section> section(
      MarkdownRenderer markdown, String manual, String title, String key) {
    return markdown.splitter().split(manual, title).sections().stream()
        .filter(s -> s.key().equals(key))
        .findFirst();
  }

  /**
   * The manual with the procedure {@code key} replaced by {@code edited}, which must still start
   * with its {@code ##} heading (otherwise it would run into the procedure before it).
   */
  static String replace(
      MarkdownRenderer markdown, String manual, String title, String key, String edited) {
    Section section =
        section(markdown, manual, title, key)
            .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
    String text = edited.replace("\r\n", "\n");
    if (!text.stripLeading().startsWith("## ")) {
      throw Refusal.invalid(
          "markdown", "A procedure starts with its title, a line beginning with \"## \".");
    }
    // The section begins at its "#", which an indented heading has after spaces.
    int start = manual.indexOf(section.markdown(), lineStart(manual, section.line()));
    if (start < 0 || !editable(section)) {
      throw Refusal.conflict(
          "This procedure cannot be edited on its own: suggest a change to the whole manual.");
    }
    String kept = section.markdown();
    // The blank lines that separated it from what follows stay.
    String trailing = kept.substring(kept.stripTrailing().length());
    String body = text.stripTrailing() + (trailing.isEmpty() ? "" : trailing);
    return manual.substring(0, start) + body + manual.substring(start + kept.length());
  }

  /**
   * The procedure's text with {@code answer} added under the step whose words are {@code quote}
   * (inside it when the step is a list item, so the list keeps its numbering), or at its end.
   */
  static String withAnswer(
      MarkdownRenderer markdown, String procedure, String quote, String answer) {
    String added = answer.strip();
    if (quote != null && !quote.isBlank()) {
      List<String> blocks = markdown.blocks(procedure);
      for (String block : blocks) {
        String words = markdown.plainText(block).strip().replaceAll("\\s+", " ");
        int at = procedure.indexOf(block);
        if (words.equals(quote.strip()) && at >= 0) {
          int end = at + block.length();
          Matcher item = LIST_ITEM.matcher(block);
          String insert;
          if (item.find()) {
            String indent = " ".repeat(item.group(1).length());
            insert = "\n\n" + indent + added.replace("\n", "\n" + indent);
          } else {
            insert = "\n\n" + added;
          }
          return procedure.substring(0, end) + insert + procedure.substring(end);
        }
      }
    }
    return procedure.stripTrailing() + "\n\n" + added + "\n";
  }

  private static int lineStart(String text, int line) {
    int offset = 0;
    for (int i = 1; i < line; i++) {
      offset = text.indexOf('\n', offset) + 1;
    }
    return offset;
  }
}
