package vademecum.markdown;

/**
 * Text as Vademecum keeps it: lines end with {@code \n} only, and no byte-order mark leads it.
 * Browsers send {@code \r\n}; old Mac files and hand-made requests a lone {@code \r}, which
 * flexmark also reads as a line end where the size checks, the splitter and the diff count only
 * {@code \n}: half a million list items on "one line" passed the checks, and a procedure's kept
 * {@code {#id}} went to the wrong line.
 */
public final class LineEnds {
  private LineEnds() {}

  public static String unix(String text) {
    if (text == null) {
      return null;
    }
    String unix = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    return unix.startsWith("\uFEFF") ? unix.substring(1) : unix;
  }
}
