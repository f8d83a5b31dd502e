package vademecum.markdown;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tags are short lower-case labels, unique per manual, in the order first given. */
public final class Tags {
  private static final int MAX_TAGS = 30;
  private static final int MAX_LENGTH = 60;

  private Tags() {}

  public static List<String> normalise(Collection<String> raw) {
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : raw) {
      String clean = tag.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (clean.startsWith("#")) {
        clean = clean.substring(1);
      }
      if (!clean.isEmpty() && clean.length() <= MAX_LENGTH) {
        tags.add(clean);
      }
      if (tags.size() == MAX_TAGS) {
        break;
      }
    }
    return List.copyOf(tags);
  }

  /** Tags typed in a form field, separated by commas. */
  public static List<String> parse(String field) {
    return field == null ? List.of() : normalise(List.of(field.split(",")));
  }
}
