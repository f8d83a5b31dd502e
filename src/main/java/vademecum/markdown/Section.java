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
    String text = markdown.replace("\r\n", "\n").replaceAll("[ \t]+\n", "\n");
    text = text.replaceAll("\n{3,}", "\n\n");
    return text.strip();
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
