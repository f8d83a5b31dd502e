package vademecum.manual;

import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * The editor. It always carries the user's own text back, including after a refused save.
 *
 * @param manualSlug null when creating a manual
 */
public record EditPage(
    Chrome chrome,
    Workspace workspace,
    String manualSlug,
    ManualForm form,
    String error,
    String maxSize) {

  public boolean isNew() {
    return manualSlug == null;
  }

  public String action() {
    return isNew()
        ? "/w/" + workspace.slug() + "/manuals"
        : "/w/" + workspace.slug() + "/m/" + manualSlug;
  }

  public String previewUrl() {
    return "/w/" + workspace.slug() + "/preview";
  }

  /** Polled while editing: says so when someone else saved a newer revision meanwhile. */
  public String latestUrl() {
    return action() + "/latest?base=" + form.baseNumber();
  }

  public String cancelUrl() {
    return isNew() ? "/w/" + workspace.slug() : action();
  }
}
