package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every refusal a page can show has its French: the messages written as literals in {@code
 * Refusal.…(…)} calls are read from the sources, their values filled with a sample, and put through
 * the catalogue. (The JSON API answers in English: its routes and bodies are left out.) An
 * exploratory round found 40 that a French page showed in English.
 */
class RefusalsTranslatedTest {
  /**
   * {@code Refusal.kind(} then an optional field name literal and a comma, then string literals
   * joined by {@code +} with values between them, up to the end of the call or {@code .formatted}.
   */
  private static final Pattern CALL =
      Pattern.compile(
          "Refusal\\.\\w+\\(\\s*(?:\"[A-Za-z]+\"\\s*,\\s*)?"
              + "((?:\"(?:[^\"\\\\]|\\\\.)*\"(?:[^\"+;,]*(?:\\+[^\"+;,]*)+)?)+)\\s*(\\.formatted)?");

  /** Messages whose value is one of a few words, each with an entry of its own. */
  private static final List<String> OWN_ENTRIES = List.of("This suggestion was already 7.");

  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void every_refusal_written_in_a_service_or_a_page_route_has_its_french() throws IOException {
    List<String> untranslated = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/vademecum"))) {
      for (Path file : files.filter(RefusalsTranslatedTest::shownOnPages).toList()) {
        String source = Files.readString(file);
        Matcher call = CALL.matcher(source);
        while (call.find()) {
          String message = sample(call.group(1), call.group(2) != null);
          if (message.length() < 12) {
            continue; // a field name, not a sentence
          }
          checked++;
          if (Translations.translate("fr", message).equals(message)
              && !OWN_ENTRIES.contains(message)) {
            untranslated.add(file.getFileName() + ": " + message);
          }
        }
      }
    }
    assertTrue(checked > 200, "the sources were read: " + checked);
    assertEquals(List.of(), untranslated);
  }

  private static boolean shownOnPages(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java") && !name.contains("Api") && !name.contains("Json");
  }

  /** The message as a person would read it: each value (a variable or a %s) is "7". */
  private static String sample(String expression, boolean formatted) {
    StringBuilder text = new StringBuilder();
    Matcher literal = LITERAL.matcher(expression);
    int end = 0;
    while (literal.find()) {
      String between = expression.substring(end, literal.start());
      if (between.stripTrailing().endsWith("(")) {
        continue; // an argument of a call that gives a value: ctx.pathParam("webhook")
      }
      if (!between.replace("+", "").isBlank()) {
        text.append('7');
      }
      text.append(literal.group(1).replace("\\\"", "\"").replace("\\n", "\n"));
      end = literal.end();
    }
    if (!expression.substring(end).replace("+", "").isBlank()) {
      text.append('7');
    }
    String message = text.toString();
    return formatted ? message.replaceAll("%[sd]", "7") : message;
  }
}
