package vademecum.markdown;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tags are short lower-case labels, unique per manual, in the order first given. */
public final class Tags {
  private static final int MAX_TAGS = 30;
  private static final int MAX_LENGTH = 50; // ManualService.MAX_TAG_LENGTH

  private Tags() {}

  /**
   * Tags read from a file's front matter: those too long, and those past the most a manual has, are
   * left out (an import takes what it can).
   */
  public static List<String> normalise(Collection<String> raw) {
    List<String> tags = new ArrayList<>();
    for (String clean : cleaned(raw)) {
      if (clean.length() <= MAX_LENGTH && tags.size() < MAX_TAGS) {
        tags.add(clean);
      }
    }
    return List.copyOf(tags);
  }

  /**
   * Tags typed in a form field, separated by commas: all of them, so that one too long is refused
   * with the limit (the save keeps the text) rather than silently dropped.
   */
  public static List<String> parse(String field) {
    return field == null ? List.of() : List.copyOf(cleaned(List.of(field.split(","))));
  }

  /**
   * Tags given as a list (the API): cleaned as a form's are, all of them, so that "RH" is the "rh"
   * the tag filter and its links look for.
   */
  public static List<String> of(Collection<String> given) {
    return List.copyOf(cleaned(given));
  }

  private static Set<String> cleaned(Collection<String> raw) {
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : raw) {
      String clean = tag.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (clean.startsWith("#")) {
        clean = clean.substring(1);
      }
      if (!clean.isEmpty()) {
        tags.add(clean);
      }
    }
    return tags;
  }
}
