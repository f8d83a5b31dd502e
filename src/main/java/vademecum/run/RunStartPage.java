package vademecum.run;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * Starting a run: the acknowledgement asked first when needed, then the run's title and due date.
 */
public record RunStartPage(
    Chrome chrome,
    Workspace workspace,
    RunService.Starting starting,
    String title,
    String due,
    @Nullable String error) {

  public String manualUrl() {
    return "/w/" + workspace.slug() + "/m/" + starting.manual().manual().slug();
  }

  public String action() {
    return manualUrl() + "/p/" + starting.key() + "/run";
  }

  public String language() {
    return starting.manual().manual().language();
  }
}
