package vademecum.suggestion;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** The suggestion form, with the text to edit; shown again exactly as typed when refused. */
public record ProposePage(
    Chrome chrome,
    Workspace workspace,
    SuggestionService.Proposing proposing,
    String text,
    String note,
    @Nullable String error) {
  public String manualUrl() {
    return "/w/" + workspace.slug() + "/m/" + proposing.manual().manual().slug();
  }

  public String language() {
    return proposing.manual().manual().language();
  }

  public String title() {
    return proposing.manual().revision().title();
  }
}
