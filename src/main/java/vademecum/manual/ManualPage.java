package vademecum.manual;

/** One manual, rendered, with its table of procedures. */
public record ManualPage(
    vademecum.web.Chrome chrome,
    ManualView view,
    boolean canEdit,
    boolean canShare,
    java.util.Map<String, vademecum.ack.ProcedureStanding> standings) {
  public String base() {
    return "/w/" + view.workspace().slug() + "/m/" + view.manual().slug();
  }
}
