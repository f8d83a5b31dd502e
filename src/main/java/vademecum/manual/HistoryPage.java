package vademecum.manual;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * Every revision of a manual, newest first, with diff and restore actions, and the suggested edits
 * made on it with their decisions.
 */
public record HistoryPage(
    Chrome chrome,
    Workspace workspace,
    String manualSlug,
    String title,
    List<RevisionSummary> revisions,
    boolean canEdit,
    List<SuggestionEntry> suggestions) {

  public String base() {
    return "/w/" + workspace.slug() + "/m/" + manualSlug;
  }

  public int latestNumber() {
    return revisions.isEmpty() ? 0 : revisions.get(0).number();
  }
}
