package vademecum.manual;

import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** The changes between two revisions of a manual. */
public record DiffPage(
    Chrome chrome,
    Workspace workspace,
    String manualSlug,
    String title,
    Revision from,
    Revision to,
    Changes changes,
    boolean titleChanged,
    String language) {

  public String base() {
    return "/w/" + workspace.slug() + "/m/" + manualSlug;
  }
}
