package vademecum.markdown;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One procedure of a manual: a {@code ##} section up to the next heading of level 1 or 2.
 *
 * @param line 1-based line of the heading in the manual's Markdown, for error messages
 */
public record Section(String key, String title, String markdown, int line, boolean explicitKey) {

  /**
   * The content that decides whether a procedure changed: line endings, trailing spaces and runs of
   * blank lines do not count, so re-saving the same text never asks assistants to reread.
   */
  public String normalisedContent() {
    return normalised(markdown);
  }

  /**
   * Spaces and tabs at the end of each line dropped, runs of blank lines made one, the whole
   * stripped. A scan rather than {@code replaceAll("[ \\t]+\\n", …)}, which tried every space of a
   * long run again (quadratic: a line of a million spaces held a publish for hours). The result is
   * the same, so stored hashes stay valid.
   */
  static String normalised(String markdown) {
    String text = markdown.replace("\r\n", "\n");
    StringBuilder out = new StringBuilder(text.length());
    int newlines = 0;
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      boolean last = lineEnd < 0;
      int end = last ? text.length() : lineEnd;
      int kept = end;
      if (!last) {
        while (kept > lineStart
            && (text.charAt(kept - 1) == ' ' || text.charAt(kept - 1) == '\t')) {
          kept--;
        }
      }
      if (kept > lineStart) {
        // at most two line ends in a row: a run of blank lines is one blank line
        out.append("\n".repeat(Math.min(newlines, 2)));
        newlines = 0;
        out.append(text, lineStart, kept);
      }
      if (last) {
        break;
      }
      newlines++;
      lineStart = lineEnd + 1;
    }
    out.append("\n".repeat(Math.min(newlines, 2)));
    return out.toString().strip();
  }

  /** What a procedure version records to tell whether the next publication changed it. */
  public String contentHash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((title + "\n" + normalisedContent()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
