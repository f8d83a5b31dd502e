package vademecum.markdown;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** French or English, from the most common short words, for files that do not say. */
public final class LanguageGuess {
  private static final Set<String> FRENCH =
      Set.of(
          "le", "la", "les", "des", "est", "et", "une", "du", "pour", "dans", "que", "sur", "avec",
          "vous", "pas", "au");
  private static final Set<String> ENGLISH =
      Set.of(
          "the", "and", "is", "of", "to", "for", "in", "with", "you", "are", "on", "that", "this",
          "not", "be", "it");

  private LanguageGuess() {}

  public static String guess(String text, String fallback) {
    String guessed = guess(text);
    return guessed == null ? fallback : guessed;
  }

  /**
   * French or English from the text's common short words, and its words with French letters (é, ç…:
   * "Lisez-moi", "Réunion d'équipe" have no short word); null when the text does not say.
   */
  public static String guess(String text) {
    int french = 0;
    int english = 0;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (FRENCH.contains(word) || FRENCH_LETTERS.matcher(word).find()) {
        french++;
      } else if (ENGLISH.contains(word)) {
        english++;
      }
    }
    if (french == english) {
      return null;
    }
    return french > english ? "fr" : "en";
  }

  private static final Pattern FRENCH_LETTERS = Pattern.compile("[éèêëàâçîïôûùœ]");
}
