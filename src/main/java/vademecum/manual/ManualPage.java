package vademecum.manual;

/** One manual, rendered, with its table of procedures. */
public record ManualPage(
    vademecum.web.Chrome chrome,
    ManualView view,
    boolean canEdit,
    boolean canShare,
    java.util.Map<String, vademecum.manual.ProcedureStanding> standings) {
  /**
   * Acknowledgement controls belong to the manual: they speak its language, whatever the reader's
   * interface language.
   */
  public String inManualLanguage(String key, Object... args) {
    return vademecum.web.Texts.of(view.manual().language()).t(key, args);
  }

  public String base() {
    return "/w/" + view.workspace().slug() + "/m/" + view.manual().slug();
  }
}
