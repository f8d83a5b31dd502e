package vademecum.search;

/**
 * Cuts a highlighted passage (escaped text with {@code <mark>} tags, nothing else) to a window
 * around its first match, at spaces, without breaking a tag or an entity.
 */
final class Snippets {
  private static final String OPEN = "<mark>";
  private static final String CLOSE = "</mark>";

  private Snippets() {}

  static String around(String html, int length) {
    if (html == null) {
      return "";
    }
    if (visibleLength(html) <= length) {
      return html.strip();
    }
    int first = html.indexOf(OPEN);
    int start = first < 0 ? 0 : Math.max(0, first - length / 3);
    start = safeStart(html, start);
    int wanted =
        Math.min(html.length(), start + length + markupBetween(html, start, start + length));
    int end = safeEnd(html, wanted);
    if (end <= start) {
      // No space to cut at after the start (a long address, a run of symbols): cut inside the
      // text, after the tag or entity the wanted end falls in.
      end = wanted;
      while (end < html.length() && !outsideMarkup(html, end - 1)) {
        end++;
      }
    }
    String window = html.substring(start, end).strip();
    int opens = count(window, OPEN);
    int closes = count(window, CLOSE);
    if (opens > closes) {
      window = window + CLOSE;
    }
    return (start > 0 ? "… " : "") + window + (end < html.length() ? " …" : "");
  }

  /** The length without the mark tags (counted, not copied: passages can be long). */
  private static int visibleLength(String html) {
    return html.length() - count(html, OPEN) * OPEN.length() - count(html, CLOSE) * CLOSE.length();
  }

  private static int markupBetween(String html, int from, int to) {
    String part = html.substring(from, Math.min(html.length(), to));
    return count(part, OPEN) * OPEN.length() + count(part, CLOSE) * CLOSE.length();
  }

  /**
   * Moves forward to just after a space that is outside a tag and an entity; without one, to just
   * after the tag or entity the position falls in.
   */
  private static int safeStart(String html, int position) {
    if (position == 0) {
      return 0;
    }
    for (int i = position; i < html.length(); i++) {
      if (html.charAt(i) == ' ' && outsideMarkup(html, i)) {
        return i + 1;
      }
    }
    int start = position;
    while (start < html.length() && !outsideMarkup(html, start - 1)) {
      start++;
    }
    return start;
  }

  /** Moves back to a space outside a tag and an entity. */
  private static int safeEnd(String html, int position) {
    if (position >= html.length()) {
      return html.length();
    }
    for (int i = position; i > 0; i--) {
      if (html.charAt(i) == ' ' && outsideMarkup(html, i)) {
        return i;
      }
    }
    return position;
  }

  private static boolean outsideMarkup(String html, int index) {
    int lt = html.lastIndexOf('<', index);
    int gt = html.lastIndexOf('>', index);
    int amp = html.lastIndexOf('&', index);
    int semi = html.lastIndexOf(';', index);
    return lt <= gt && amp <= semi;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }
}
