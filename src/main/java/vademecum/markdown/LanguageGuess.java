package vademecum.markdown;

import java.util.Locale;
import java.util.Set;

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
    int french = 0;
    int english = 0;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (FRENCH.contains(word)) {
        french++;
      } else if (ENGLISH.contains(word)) {
        english++;
      }
    }
    if (french == english) {
      return fallback;
    }
    return french > english ? "fr" : "en";
  }
}
