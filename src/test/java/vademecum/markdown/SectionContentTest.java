package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A procedure's content hash is stored with each of its versions: the linear normalisation must
 * give exactly what the regular expressions gave, or every procedure would ask to be reread.
 */
class SectionContentTest {
  /** The normalisation as it was written before, with regular expressions. */
  private static String before(String markdown) {
    String text = markdown.replace("\r\n", "\n").replaceAll("[ \t]+\n", "\n");
    text = text.replaceAll("\n{3,}", "\n\n");
    return text.strip();
  }

  @Test
  void the_scan_gives_what_the_regular_expressions_gave() {
    Random random = new Random(20261207L);
    char[] alphabet = {' ', '\t', '\n', '\r', 'a', 'é', '\u00a0', '\f', '#'};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String sample = text.toString();
      assertEquals(before(sample), Section.normalised(sample), () -> "for " + escape(sample));
    }
    String real = "## Étape  \r\n\r\n\r\n1. Ouvrir.\t\n   \n\n\n2. Fermer. \n";
    assertEquals(before(real), Section.normalised(real));
  }

  private static String escape(String text) {
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }
}
