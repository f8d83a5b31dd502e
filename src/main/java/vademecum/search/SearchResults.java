package vademecum.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits with the counts of matches per workspace and per manual ("workspace/manual" keys),
 * most first. {@code totalIsLowerBound}: counting stopped, there are at least that many.
 */
public record SearchResults(
    int total,
    boolean totalIsLowerBound,
    List<SearchHit> hits,
    Map<String, Integer> byWorkspace,
    Map<String, Integer> byManual) {

  public static SearchResults empty() {
    return new SearchResults(0, false, List.of(), Map.of(), Map.of());
  }
}
