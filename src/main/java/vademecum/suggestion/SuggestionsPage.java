package vademecum.suggestion;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** The workspace's suggestions (owners and editors), or the reader's own. */
public record SuggestionsPage(
    Chrome chrome,
    Workspace workspace,
    List<Suggestion> suggestions,
    @Nullable Suggestion.Status status,
    boolean canEdit) {
  public String filterUrl(@Nullable Suggestion.Status filter) {
    String base = "/w/" + workspace.slug() + "/suggestions";
    return filter == null ? base : base + "?status=" + filter.column();
  }
}
