package vademecum.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * French for the messages services write in English (validation, refusals, conflicts), in the
 * manner of gettext: the English text is the key, and {@code {0}}-style placeholders carry the
 * values inside it. Services stay free of the web layer's languages; pages translate what they
 * show. A message not in the catalogue is shown as written.
 */
public final class Translations {
  /**
   * @param literal how many characters of the English are words, not values
   */
  private record Entry(Pattern english, String french, int literal) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
  // After PLACEHOLDER, which loading the catalogue uses.
  private static final List<Entry> FRENCH = load("/i18n/refusals_fr.txt");

  private Translations() {}

  /** {@code message} in {@code language}; unchanged for English or an unknown message. */
  public static String translate(String language, String message) {
    if (message == null || !"fr".equals(language)) {
      return message;
    }
    // The most specific entry wins: "{0} is larger than the limit of {1}." also matches "a.zip is
    // refused: b.md is larger than the limit of 2 MB once uncompressed.", half in French.
    Entry best = null;
    Matcher bestMatch = null;
    for (Entry entry : FRENCH) {
      Matcher match = entry.english().matcher(message);
      if (match.matches() && (best == null || entry.literal() > best.literal())) {
        best = entry;
        bestMatch = match;
      }
    }
    if (best == null) {
      return message;
    }
    String french = best.french();
    for (int group = 1; group <= bestMatch.groupCount(); group++) {
      french = french.replace("{" + (group - 1) + "}", frenchSizes(bestMatch.group(group)));
    }
    return french;
  }

  private static final Pattern SIZE = Pattern.compile("\\b(\\d+) (GB|MB|KB|bytes)\\b");

  /** A size written by {@code Sizes.human} ("2 MB") in the units of the language. */
  public static String size(String language, String size) {
    return "fr".equals(language) ? frenchSizes(size) : size;
  }

  /** Sizes written by {@code Sizes.human} ("2 MB"), in French units ("2 Mo"). */
  static String frenchSizes(String value) {
    Matcher size = SIZE.matcher(value);
    return size.replaceAll(
        m ->
            m.group(1)
                + switch (m.group(2)) {
                  case "GB" -> " Go";
                  case "MB" -> " Mo";
                  case "KB" -> " Ko";
                  default -> " octets";
                });
  }

  /** Number of catalogue entries, for tests. */
  static int size() {
    return FRENCH.size();
  }

  private static List<Entry> load(String resource) {
    List<Entry> entries = new ArrayList<>();
    try (InputStream in = Translations.class.getResourceAsStream(resource);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String english = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("en: ")) {
          english = line.substring(4);
        } else if (line.startsWith("fr: ") && english != null) {
          entries.add(
              new Entry(
                  pattern(english),
                  line.substring(4),
                  PLACEHOLDER.matcher(english).replaceAll("").length()));
          english = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(entries);
  }

  /** The English text as a whole-message pattern: literal, except each {n} matches a value. */
  private static Pattern pattern(String english) {
    StringBuilder regex = new StringBuilder();
    Matcher placeholder = PLACEHOLDER.matcher(english);
    int last = 0;
    while (placeholder.find()) {
      regex.append(Pattern.quote(english.substring(last, placeholder.start())));
      regex.append("(.+?)");
      last = placeholder.end();
    }
    regex.append(Pattern.quote(english.substring(last)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
