package vademecum.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vademecum.markdown.Slugs;

/**
 * Query-time synonyms from {@code search/synonyms.txt}: "vacation" also looks for "pto" and "time
 * off". Only queries are widened, so editing the list needs no reindex.
 */
final class Synonyms {
  private final Map<String, List<String>> byWord = new HashMap<>();

  private Synonyms() {}

  static Synonyms load() {
    Synonyms synonyms = new Synonyms();
    var stream = Synonyms.class.getResourceAsStream("/search/synonyms.txt");
    if (stream == null) {
      return synonyms;
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.strip().startsWith("#")) {
          continue;
        }
        List<String> group = new ArrayList<>();
        for (String entry : line.split(",")) {
          if (!entry.isBlank()) {
            group.add(entry.strip());
          }
        }
        for (String entry : group) {
          if (!entry.contains(" ")) {
            List<String> others =
                synonyms.byWord.computeIfAbsent(Slugs.fold(entry), k -> new ArrayList<>());
            group.stream().filter(other -> !other.equals(entry)).forEach(others::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return synonyms;
  }

  /** The other ways to say a single word, possibly several words each. */
  List<String> of(String word) {
    return byWord.getOrDefault(Slugs.fold(word), List.of());
  }
}
