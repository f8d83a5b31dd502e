package vademecum.markdown;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans Markdown written for another site generator: template tags ({@code {% … %}}, {@code {{< …
 * >}}}, {@code {{generator:…}}}) and HTML comments are removed, and an HTML anchor in a heading
 * becomes the heading's explicit id, so links to it keep working. Code is left untouched.
 */
public final class ImportCleaner {
  // Any indentation: a fence inside a list step is indented four spaces or more, and its code was
  // cleaned as prose (a "{% if %}" line of a template removed from a step's example).
  private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s");
  // No leading \\s*: it would be tried again from every space of a long run (quadratic).
  private static final Pattern HEADING_ANCHOR =
      Pattern.compile("<a\\s+(?:name|id)=\"([^\"]*)\"\\s*>\\s*</a>\\s*", Pattern.CASE_INSENSITIVE);

  private ImportCleaner() {}

  public static String clean(String markdown) {
    List<String> out = new ArrayList<>();
    List<String> prose = new ArrayList<>();
    String fence = null;
    boolean inComment = false;
    for (String line : markdown.split("\n", -1)) {
      Matcher fenceMatch = FENCE.matcher(line);
      if (fence == null && fenceMatch.find()) {
        out.addAll(cleanProse(prose));
        prose.clear();
        fence = fenceMatch.group(1).substring(0, 3);
        out.add(line);
      } else if (fence != null) {
        out.add(line);
        if (line.strip().startsWith(fence)) {
          fence = null;
        }
      } else if ((line.startsWith("    ") || line.startsWith("\t"))
          && !line.isBlank()
          && !inComment) {
        // Indented code, or a list step's indented line: left as written (a template tag left in
        // a step is a word too many; one removed from code was a line of the example lost).
        out.addAll(cleanProse(prose));
        prose.clear();
        out.add(line);
      } else {
        // Inside an HTML comment, an indented line is the comment's (it is removed whole).
        String outsideCode = withoutCodeSpans(line);
        int opens = outsideCode.lastIndexOf("<!--");
        int closes = outsideCode.lastIndexOf("-->");
        if (opens >= 0 && opens > closes) {
          inComment = true;
        } else if (closes >= 0) {
          inComment = false;
        }
        prose.add(line);
      }
    }
    out.addAll(cleanProse(prose));
    return String.join("\n", out);
  }

  private static List<String> cleanProse(List<String> prose) {
    if (prose.isEmpty()) {
      return prose;
    }
    // Comments may span lines, so they are removed from the block as a whole.
    String text = withoutComments(String.join("\n", prose));
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String cleaned = outsideInlineCode(line);
      if (HEADING.matcher(cleaned).find()) {
        cleaned = anchorToId(cleaned);
      }
      boolean removedWholeLine = !line.isBlank() && cleaned.isBlank();
      if (!removedWholeLine) {
        out.add(cleaned);
      }
    }
    return out;
  }

  /** Template tags are removed only outside `inline code`, where they are examples. */
  static String outsideInlineCode(String line) {
    if (!line.contains("{")) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length());
    int prose = 0;
    for (int[] span : codeSpans(line, 0, line.length())) {
      out.append(withoutTemplateTags(line.substring(prose, span[0])))
          .append(line, span[0], span[1]);
      prose = span[1];
    }
    return out.append(withoutTemplateTags(line.substring(prose))).toString();
  }

  /** The line with its code spans blanked out (their markers are examples). */
  private static String withoutCodeSpans(String line) {
    if (line.indexOf('`') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder(line);
    for (int[] span : codeSpans(line, 0, line.length())) {
      for (int i = span[0]; i < span[1]; i++) {
        out.setCharAt(i, ' ');
      }
    }
    return out.toString();
  }

  /**
   * The `inline code` spans of {@code text} between {@code from} and {@code to} (one line), as
   * [start, end) in order. A code span opens with a run of backticks and closes with a run of the
   * same length ({@code ``a ` b``}); each run is looked at once, so a line of unmatched runs costs
   * no more than its length.
   */
  static List<int[]> codeSpans(String text, int from, int to) {
    List<int[]> runs = new ArrayList<>(); // start, length
    for (int i = from; i < to; ) {
      if (text.charAt(i) != '`') {
        i++; // not indexOf: it would read past the line, to the end of the text, for each line
        continue;
      }
      int end = i;
      while (end < to && text.charAt(end) == '`') {
        end++;
      }
      runs.add(new int[] {i, end - i});
      i = end;
    }
    Map<Integer, ArrayDeque<Integer>> byLength = new HashMap<>();
    for (int r = 0; r < runs.size(); r++) {
      byLength.computeIfAbsent(runs.get(r)[1], n -> new ArrayDeque<>()).add(r);
    }
    List<int[]> spans = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      ArrayDeque<Integer> same = byLength.get(runs.get(r)[1]);
      while (!same.isEmpty() && same.peekFirst() <= r) {
        same.pollFirst();
      }
      if (same.isEmpty()) {
        continue; // no closing run: literal backticks
      }
      int closing = same.pollFirst();
      spans.add(new int[] {runs.get(r)[0], runs.get(closing)[0] + runs.get(closing)[1]});
      r = closing;
    }
    return spans;
  }

  private static String anchorToId(String heading) {
    Matcher anchor = HEADING_ANCHOR.matcher(heading);
    if (!anchor.find()) {
      return heading;
    }
    String id = anchor.group(1);
    String without = anchor.replaceAll(" ").replaceAll("[ \\t]{2,}", " ").stripTrailing();
    if (Slugs.isValidKey(id) && !PlainText.EXPLICIT_ID.matcher(without).find()) {
      return without + " {#" + id + "}";
    }
    return without;
  }

  /*
   * Comments and template tags are found by scanning, not by regular expressions: "<!--.*?-->"
   * looks for its end again from every opening that has none, so a long text of "<!--" (or a line
   * of "{%") took hours.
   */

  /**
   * The text without its complete HTML comments; an unclosed one stays, as it did. A {@code <!--}
   * in `inline code` is an example, not a comment: taken for one, it removed the example, and with
   * a later "Menu --> Réglages" every line between.
   */
  static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int lineEnd = -1;
    List<int[]> spans = List.of();
    int span = 0;
    int open = text.indexOf("<!--");
    while (open >= 0) {
      if (open > lineEnd) {
        // Each line's spans are found once, however many openings it has.
        int start = text.lastIndexOf('\n', open) + 1;
        int end = text.indexOf('\n', open);
        lineEnd = end < 0 ? text.length() : end;
        spans = codeSpans(text, start, lineEnd);
        span = 0;
      }
      while (span < spans.size() && spans.get(span)[1] <= open) {
        span++; // openings only move forward: each span is passed once
      }
      int inCode = span < spans.size() && spans.get(span)[0] <= open ? spans.get(span)[1] : -1;
      if (inCode >= 0) {
        open = text.indexOf("<!--", inCode);
        continue;
      }
      int close = text.indexOf("-->", open + 4);
      if (close < 0) {
        break;
      }
      out.append(text, copied, open);
      copied = close + 3;
      open = text.indexOf("<!--", copied);
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * The text without {@code {% … %}}, {@code {{< … >}}}, {@code {{% … %}}} and {@code
   * {{generator:…}}}.
   */
  static String withoutTemplateTags(String text) {
    Next percent = new Next(text, "%}");
    Next angleClose = new Next(text, ">}}");
    Next percentClose = new Next(text, "%}}");
    Next brace = new Next(text, "}");
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int at = text.indexOf('{');
    while (at >= 0) {
      int end = -1;
      if (text.startsWith("{%", at)) {
        int close = percent.from(at + 2);
        end = close < 0 ? -1 : close + 2;
      }
      if (end < 0 && (text.startsWith("{{<", at) || text.startsWith("{{%", at))) {
        int close = first(angleClose.from(at + 3), percentClose.from(at + 3));
        end = close < 0 ? -1 : close + 3;
      }
      if (end < 0 && text.startsWith("{{", at)) {
        int word = at + 2;
        while (word < text.length() && Character.isWhitespace(text.charAt(word))) {
          word++;
        }
        if (text.startsWith("generator:", word)) {
          int close = brace.from(word);
          end = close >= 0 && text.startsWith("}}", close) ? close + 2 : -1;
        }
      }
      if (end < 0) {
        at = text.indexOf('{', at + 1);
      } else {
        out.append(text, copied, at);
        copied = end;
        at = text.indexOf('{', end);
      }
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  private static int first(int a, int b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /** The next place of a mark from a position on, each stretch of the text searched once. */
  private static final class Next {
    private final String text;
    private final String mark;
    private int found = -2;

    Next(String text, String mark) {
      this.text = text;
      this.mark = mark;
    }

    int from(int position) {
      if (found == -1 || found >= position) {
        return found;
      }
      found = text.indexOf(mark, position);
      return found;
    }
  }

  /** A {@code # Title} line that opens a text: its words, and where the text after it starts. */
  public record LeadingHeading(String text, int end) {}

  /**
   * The text's opening {@code # Title}, or null. Read by hand: the regular expression it was
   * backtracked over the spaces of its first line in cubic time (2,000 spaces took 11 s).
   */
  public static LeadingHeading leadingHeading(String body) {
    int start = 0;
    while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
      start++;
    }
    if (!body.startsWith("# ", start) && !body.startsWith("#\t", start)) {
      return null;
    }
    int lineEnd = body.indexOf('\n', start);
    int end = lineEnd < 0 ? body.length() : lineEnd + 1;
    String text = body.substring(start + 1, lineEnd < 0 ? body.length() : lineEnd).strip();
    // A closing run of # after a space ("# Title ##") is not part of the title.
    int closing = text.length();
    while (closing > 0 && text.charAt(closing - 1) == '#') {
      closing--;
    }
    if (closing < text.length()
        && (closing == 0 || Character.isWhitespace(text.charAt(closing - 1)))) {
      text = text.substring(0, closing).strip();
    }
    return text.isEmpty() ? null : new LeadingHeading(text, end);
  }
}
