package vademecum.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits with the counts of all matches per workspace and per manual ("workspace/manual"
 * keys), most first.
 */
public record SearchResults(
    int total,
    List<SearchHit> hits,
    Map<String, Integer> byWorkspace,
    Map<String, Integer> byManual) {

  public static SearchResults empty() {
    return new SearchResults(0, List.of(), Map.of(), Map.of());
  }
}
