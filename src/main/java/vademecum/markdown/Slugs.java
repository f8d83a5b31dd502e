package vademecum.markdown;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns titles into URL-safe keys: lower case, accents folded, words joined by hyphens. */
public final class Slugs {
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");
  private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

  private Slugs() {}

  public static String slug(String text) {
    String folded = fold(text);
    String slug = NOT_ALNUM.matcher(folded).replaceAll("-");
    slug = slug.replaceAll("^-+|-+$", "");
    if (slug.length() > 80) {
      slug = slug.substring(0, 80).replaceAll("-+$", "");
    }
    return slug;
  }

  /**
   * Lower case without accents or ligatures, so "Œuvre à côté" and "oeuvre a cote" compare equal.
   */
  public static String fold(String text) {
    String lower =
        text.toLowerCase(Locale.ROOT)
            .replace("œ", "oe")
            .replace("æ", "ae")
            .replace("ß", "ss")
            .replace("’", "'");
    return COMBINING_MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
  }

  /** An explicit key written by a person ({@code {#key}}) must stay usable in a URL fragment. */
  public static boolean isValidKey(String key) {
    return VALID_KEY.matcher(key).matches();
  }
}
