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
    String error) {

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
