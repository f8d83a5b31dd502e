package vademecum.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** What a workspace's readers looked for over a period, for its owners and editors. */
public record InsightsPage(Chrome chrome, Workspace workspace, SearchInsights.Insights insights) {
  /** The busiest week's count, for the bars of the trend. */
  public int busiestWeek() {
    return insights.weeks().stream().mapToInt(SearchLogRepository.Week::searches).max().orElse(0);
  }

  /** The periods offered, in days. */
  public List<Integer> periods() {
    return List.of(7, 30, 90);
  }

  /** The same search on the search page, in this workspace. */
  public String searchUrl(String query) {
    return "/search?q="
        + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&workspace="
        + workspace.slug();
  }
}
