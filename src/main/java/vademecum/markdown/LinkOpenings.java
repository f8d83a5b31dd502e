package vademecum.markdown;

import java.util.Optional;

/**
 * flexmark 0.64 reads a link's destination from each {@code ](} to the end of the line when the
 * destination never closes, so a line of thousands of {@code [a](} takes time in the square of its
 * length (at the 2 MB limit, long enough to keep a core busy after the person has left). A real
 * line holds few links whose destination does not close: past {@link #MAX_UNCLOSED_PER_LINE} of
 * them the text is refused before any parser reads it, naming the line.
 *
 * <p>An opening counts as unclosed when, reading on from it, a space, the end of the line or the
 * next {@code ](} comes before a {@code )}: one pass over the text, since each character is read by
 * one opening at most.
 */
public final class LinkOpenings {
  public static final int MAX_UNCLOSED_PER_LINE = 16;

  private LinkOpenings() {}

  /** The number of the first line with too many unclosed link openings, if any. */
  public static Optional<Integer> lineOverLimit(String text) {
    int line = 1;
    int unclosed = 0;
    int i = 0;
    while (i + 1 < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        unclosed = 0;
        i++;
      } else if (c == ']' && text.charAt(i + 1) == '(') {
        int j = i + 2;
        while (j < text.length() && !closesOrStops(text, j)) {
          j++;
        }
        if (j >= text.length() || text.charAt(j) != ')') {
          if (++unclosed > MAX_UNCLOSED_PER_LINE) {
            return Optional.of(line);
          }
        }
        i = j;
      } else {
        i++;
      }
    }
    return Optional.empty();
  }

  private static boolean closesOrStops(String text, int at) {
    char c = text.charAt(at);
    return c == ')'
        || c == '\n'
        || Character.isWhitespace(c)
        || (c == ']' && at + 1 < text.length() && text.charAt(at + 1) == '(');
  }
}
