package vademecum.review;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualView;
import vademecum.markdown.Section;
import vademecum.web.Chrome;

/** "Looks out of date": the note a reader leaves on a procedure. */
public record FlagPage(
    Chrome chrome,
    Workspace workspace,
    ManualView manual,
    Section procedure,
    String note,
    @Nullable String error) {
  public String manualUrl() {
    return "/w/" + workspace.slug() + "/m/" + manual.manual().slug();
  }
}
