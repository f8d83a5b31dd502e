package vademecum.markdown;

import java.util.Optional;

/**
 * What a text must not be before any parser reads it, each found in one pass: a parser's time or
 * stack grows faster than the text for these shapes, and no real manual has them. The messages are
 * shown to the writer (in French through the refusal bundle) and keep their text in the form.
 */
public final class TextChecks {
  /** A manual is read by people: thousands of procedures in one are a mistake or an attack. */
  public static final int MAX_PROCEDURES = 2000;

  /**
   * Quotes and lists inside one another, counted on one line (a {@code >} or list marker is a
   * level, two columns of indentation another). flexmark walks nested blocks recursively: past a
   * few thousand levels it overflows the stack, and well before that a line of {@code > - > - …}
   * takes time in the square of its length. Real manuals nest a few levels.
   */
  public static final int MAX_NESTING = 100;

  /**
   * flexmark builds about a kilobyte of objects per list item, table row or reference definition,
   * so a manual of one-word list items costs far more heap and time than prose of the same size.
   * Lines bound those blocks: the limit sits above what a 2 MB manual of real prose has (the shared
   * handbooks run together), and keeps the worst shape's parse short (figures in
   * docs/benchmarks.md).
   */
  public static final int MAX_LINES = 40_000;

  /**
   * The characters that open inline Markdown ({@code * _ ~ ` [ < & \}): flexmark builds a few
   * objects for each, so a 2 MB line of {@code [a][} or {@code _a} would need seconds to preview
   * and more than the server's heap. The limit is well above the densest page of the shared
   * handbooks, and keeps the worst shape's preview short (figures in docs/benchmarks.md).
   */
  public static final int MAX_INLINE_MARKS = 200_000;

  private static final String INLINE_MARKS = "*_~`[<&\\";

  private TextChecks() {}

  /** The first reason to refuse the text, in English, if there is one. */
  public static Optional<String> problem(String text) {
    int lines = lineCount(text);
    if (lines > MAX_LINES) {
      return tooMany(MAX_LINES, "lines", lines);
    }
    int headings = headingLines(text);
    if (headings > MAX_PROCEDURES) {
      return Optional.of(
          "A manual holds at most "
              + MAX_PROCEDURES
              + " procedures; this text has about "
              + headings
              + " headings. Split it into several manuals.");
    }
    Optional<Integer> deep = lineNestedTooDeeply(text);
    if (deep.isPresent()) {
      return Optional.of(
          "Line "
              + deep.get()
              + " is nested more than "
              + MAX_NESTING
              + " levels deep (quotes, lists or indentation inside one another): flatten it.");
    }
    Optional<String> links =
        LinkOpenings.lineOverLimit(text)
            .map(
                line ->
                    "Line "
                        + line
                        + " holds more than "
                        + LinkOpenings.MAX_UNCLOSED_PER_LINE
                        + " unfinished links ('](' without a closing parenthesis): finish or"
                        + " remove them.");
    if (links.isPresent()) {
      return links; // names the line, which says more than a count
    }
    int marks = inlineMarks(text);
    if (marks > MAX_INLINE_MARKS) {
      return tooMany(MAX_INLINE_MARKS, "Markdown marks (* _ ~ ` [ < & \\)", marks);
    }
    return Optional.empty();
  }

  private static Optional<String> tooMany(int limit, String what, int count) {
    return Optional.of(
        "A manual holds at most "
            + limit
            + " "
            + what
            + "; this text has "
            + count
            + ". Split it into several manuals.");
  }

  static int inlineMarks(String text) {
    int marks = 0;
    for (int i = 0; i < text.length(); i++) {
      if (INLINE_MARKS.indexOf(text.charAt(i)) >= 0) {
        marks++;
      }
    }
    return marks;
  }

  static int lineCount(String text) {
    int lines = 1;
    for (int end = lineEnd(text, 0);
        end < text.length();
        end = lineEnd(text, nextLine(text, end))) {
      lines++;
    }
    return lines;
  }

  /**
   * Heading-like lines, counted before anything parses the text, so that a text of 100,000 headings
   * is refused at once instead of keeping a core busy for seconds.
   */
  static int headingLines(String text) {
    int headings = 0;
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = lineEnd(text, lineStart);
      int i = lineStart;
      while (i < lineEnd && i - lineStart < 3 && text.charAt(i) == ' ') {
        i++;
      }
      if (text.startsWith("##", i) && (i + 2 == lineEnd || text.charAt(i + 2) == ' ')) {
        headings++;
      } else if (underline(text, i, lineEnd)) {
        headings++; // may make the line above a heading
      }
      lineStart = nextLine(text, lineEnd);
    }
    return headings;
  }

  /**
   * A setext underline: only '-' or only '=' (spaces allowed at the end). A list item ("- step") is
   * not one: counting those refused long manuals made of bullet lists.
   */
  private static boolean underline(String text, int from, int lineEnd) {
    if (from >= lineEnd || (text.charAt(from) != '-' && text.charAt(from) != '=')) {
      return false;
    }
    char mark = text.charAt(from);
    int end = lineEnd;
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    for (int i = from; i < end; i++) {
      if (text.charAt(i) != mark) {
        return false;
      }
    }
    return true;
  }

  /** The number of the first line whose quote and list prefix is deeper than allowed. */
  static Optional<Integer> lineNestedTooDeeply(String text) {
    int line = 1;
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = lineEnd(text, lineStart);
      if (nesting(text, lineStart, lineEnd) > MAX_NESTING
          && !thematicBreak(text, lineStart, lineEnd)) {
        return Optional.of(line);
      }
      line++;
      lineStart = nextLine(text, lineEnd);
    }
    return Optional.empty();
  }

  /**
   * Levels at the start of a line: each marker ({@code >}, {@code -}, {@code 1.}) with the space
   * after it is one, and two columns of indentation are another.
   */
  private static int nesting(String text, int from, int lineEnd) {
    int markers = 0;
    int columns = 0;
    int i = from;
    while (i < lineEnd && markers + columns / 2 <= MAX_NESTING) {
      char c = text.charAt(i);
      int afterMarker = -1;
      if (c == ' ') {
        columns++;
      } else if (c == '\t') {
        columns += 4;
      } else if (c == '>') {
        afterMarker = i + 1;
      } else if ((c == '-' || c == '+' || c == '*') && endsMarker(text, i + 1, lineEnd)) {
        afterMarker = i + 1;
      } else if (c >= '0' && c <= '9') {
        int j = i;
        while (j < lineEnd && j - i < 9 && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
          j++;
        }
        if (j < lineEnd
            && (text.charAt(j) == '.' || text.charAt(j) == ')')
            && endsMarker(text, j + 1, lineEnd)) {
          afterMarker = j + 1;
        } else {
          break;
        }
      } else {
        break;
      }
      if (afterMarker < 0) {
        i++;
        continue;
      }
      markers++;
      i = afterMarker;
      if (i < lineEnd && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++; // the space that ends the marker is not indentation
      }
    }
    return markers + columns / 2;
  }

  /** {@code - - - - …} is one horizontal rule, not lists inside one another. */
  private static boolean thematicBreak(String text, int lineStart, int lineEnd) {
    int i = lineStart;
    while (i < lineEnd && i - lineStart < 3 && text.charAt(i) == ' ') {
      i++;
    }
    return LinearThematicBreaks.isBreak(text.subSequence(i, lineEnd));
  }

  private static boolean endsMarker(String text, int at, int lineEnd) {
    return at >= lineEnd || text.charAt(at) == ' ' || text.charAt(at) == '\t';
  }

  /**
   * Where the line ends: at {@code \n}, {@code \r\n} or a lone {@code \r}, as flexmark reads it.
   * Texts are stored with {@code \n} only ({@link LineEnds}); these checks hold whatever they get.
   */
  private static int lineEnd(String text, int lineStart) {
    for (int i = lineStart; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return text.length();
  }

  /** Where the next line starts after the line end at {@code lineEnd}. */
  private static int nextLine(String text, int lineEnd) {
    return text.startsWith("\r\n", lineEnd) ? lineEnd + 2 : lineEnd + 1;
  }
}
