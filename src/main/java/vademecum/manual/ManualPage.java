package vademecum.manual;

/** One manual, rendered, with its table of procedures. */
public record ManualPage(vademecum.web.Chrome chrome, ManualView view, boolean canEdit) {
  public String base() {
    return "/w/" + view.workspace().slug() + "/m/" + view.manual().slug();
  }
}
