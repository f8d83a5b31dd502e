package vademecum.question;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** The form that asks a question on a procedure, shown again as typed when refused. */
public record AskPage(
    Chrome chrome,
    Workspace workspace,
    QuestionService.Asking asking,
    String quote,
    String body,
    @Nullable String error,
    int maxFileBytes) {
  public String manualUrl() {
    return "/w/" + workspace.slug() + "/m/" + asking.manual().manual().slug();
  }

  public String action() {
    return manualUrl() + "/p/" + asking.procedure().key() + "/questions";
  }

  public String language() {
    return asking.manual().manual().language();
  }
}
