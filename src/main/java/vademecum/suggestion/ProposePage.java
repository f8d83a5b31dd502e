package vademecum.suggestion;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * The suggestion form, with the text to edit; shown again exactly as typed when refused. {@code
 * kept}: what the person typed for a procedure that left the manual meanwhile, shown beside the
 * whole manual's text, which is then the one to edit.
 */
public record ProposePage(
    Chrome chrome,
    Workspace workspace,
    SuggestionService.Proposing proposing,
    String text,
    String note,
    @Nullable String error,
    @Nullable String kept) {
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
