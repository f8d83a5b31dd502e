package vademecum.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vademecum.kernel.Membership;
import vademecum.web.Chrome;

/** The search page and its results fragment (search-as-you-type swaps only the results). */
public record SearchPage(
    Chrome chrome,
    String query,
    String workspace,
    String manual,
    String tag,
    List<Membership> workspaces,
    SearchResults results,
    String error,
    Map<String, Long> logs) {

  /**
   * A hit's link: through {@code /search/go}, which notes for the owners' insights that this search
   * led to it, then opens it.
   */
  public String openUrl(SearchHit hit) {
    StringBuilder url =
        new StringBuilder("/search/go?to=")
            .append(encode(hit.url()))
            .append("&q=")
            .append(encode(query))
            .append("&hits=")
            .append(results.byWorkspace().getOrDefault(hit.workspace(), 0));
    int hits = results.byWorkspace().getOrDefault(hit.workspace(), 0);
    Long log = logs.get(hit.workspace());
    if (log != null) {
      url.append("&log=").append(log);
    }
    url.append("&sig=")
        .append(SearchInsights.signature(chrome.csrf(), hit.url(), query, hits, log));
    return url.toString();
  }

  public String workspaceName(String slug) {
    return workspaces.stream()
        .filter(w -> w.slug().equals(slug))
        .map(Membership::name)
        .findFirst()
        .orElse(slug);
  }

  /** Link to the same search narrowed to one workspace, or one manual ("workspace/manual"). */
  public String narrowTo(String workspaceSlug, String manualKey) {
    StringBuilder url = new StringBuilder("/search?q=").append(encode(query));
    if (workspaceSlug != null) {
      url.append("&workspace=").append(encode(workspaceSlug));
    }
    if (manualKey != null) {
      String[] parts = manualKey.split("/", 2);
      url.append("&workspace=")
          .append(encode(parts[0]))
          .append("&manual=")
          .append(encode(parts[1]));
    }
    return url.toString();
  }

  /**
   * The same search and filters narrowed to one tag, or with the tag filter removed ({@code null}):
   * a tag on a hit or in the counts is a link.
   */
  public String withTag(String other) {
    return search(query, other);
  }

  /** The tags the counts list (the most matches first), as many as the manuals. */
  public Map<String, Integer> byTagTop() {
    return results.byTag().entrySet().stream()
        .limit(Searcher.TITLED_MANUALS)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** The same filters with another search text (a "did you mean"). */
  public String searchFor(String text) {
    return search(text, tag);
  }

  /** A search for {@code text} in this page's workspace and manual, with {@code withTag} if any. */
  private String search(String text, String withTag) {
    StringBuilder url = new StringBuilder("/search?q=").append(encode(text));
    if (!workspace.isBlank()) {
      url.append("&workspace=").append(encode(workspace));
    }
    if (!manual.isBlank()) {
      url.append("&manual=").append(encode(manual));
    }
    if (withTag != null && !withTag.isBlank()) {
      url.append("&tag=").append(encode(withTag));
    }
    return url.toString();
  }

  /** Words for a sentence: « a », « b » in French, 'a', 'b' in English. */
  public String quoted(List<String> words) {
    boolean french = "fr".equals(chrome.lang());
    return words.stream()
        .map(w -> french ? "« " + w + " »" : "'" + w + "'")
        .collect(Collectors.joining(", "));
  }

  public Map<String, Integer> byManualTop() {
    return results.byManual().entrySet().stream()
        .limit(Searcher.TITLED_MANUALS)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
