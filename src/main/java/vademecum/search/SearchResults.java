package vademecum.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits with the counts of matches per workspace and per manual ("workspace/manual" keys),
 * most first. {@code totalIsLowerBound}: counting stopped, there are at least that many. {@code
 * manualTitles}: the title of each manual the counts list first, by the same key.
 */
public record SearchResults(
    int total,
    boolean totalIsLowerBound,
    List<SearchHit> hits,
    Map<String, Integer> byWorkspace,
    Map<String, Integer> byManual,
    Map<String, String> manualTitles) {

  public static SearchResults empty() {
    return new SearchResults(0, false, List.of(), Map.of(), Map.of(), Map.of());
  }

  /** A manual's title for the counts, or its address when it is not among those looked up. */
  public String manualTitle(String key) {
    String title = manualTitles.get(key);
    return title != null ? title : key.substring(key.indexOf('/') + 1);
  }
}
