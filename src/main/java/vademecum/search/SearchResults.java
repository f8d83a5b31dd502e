package vademecum.search;

import java.util.List;
import java.util.Map;

/**
 * A page of hits with the counts of matches per workspace and per manual ("workspace/manual" keys),
 * most first. {@code totalIsLowerBound}: counting stopped, there are at least that many. {@code
 * manualTitles}: the title of each manual the counts list first, by the same key. {@code byTag}:
 * matches per tag of their manuals.
 */
public record SearchResults(
    int total,
    boolean totalIsLowerBound,
    List<SearchHit> hits,
    Map<String, Integer> byWorkspace,
    Map<String, Integer> byManual,
    Map<String, String> manualTitles,
    Map<String, Integer> byTag,
    Relaxing relaxing) {

  /**
   * How a search that found too little with every word was widened: {@code relaxed} when the hits
   * shown need not hold every word, {@code ignoredWords} the words no hit holds, {@code suggestion}
   * the search with a misspelt word replaced by a close word of the reader's procedures (or null).
   */
  /**
   * @param allWords when relaxed, how many hits hold every word (fewer than the 3 that relaxing
   *     asks for); they come first
   */
  public record Relaxing(
      boolean relaxed, List<String> ignoredWords, String suggestion, int allWords) {
    public static final Relaxing NONE = new Relaxing(false, List.of(), null, 0);
  }

  public static SearchResults empty() {
    return new SearchResults(
        0, false, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Relaxing.NONE);
  }

  public boolean relaxed() {
    return relaxing.relaxed();
  }

  /** A manual's title for the counts, or its address when it is not among those looked up. */
  public String manualTitle(String key) {
    String title = manualTitles.get(key);
    return title != null ? title : key.substring(key.indexOf('/') + 1);
  }
}
