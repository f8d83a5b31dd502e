package vademecum.manual;

import java.util.Map;
import vademecum.web.Chrome;
import vademecum.web.Texts;

/** One manual, rendered, with its table of procedures. */
public record ManualPage(
    Chrome chrome,
    ManualView view,
    boolean canEdit,
    boolean canShare,
    Map<String, ProcedureStanding> standings) {
  /**
   * Acknowledgement controls belong to the manual: they speak its language, whatever the reader's
   * interface language.
   */
  public String inManualLanguage(String key, Object... args) {
    return Texts.of(view.manual().language()).t(key, args);
  }

  public String base() {
    return "/w/" + view.workspace().slug() + "/m/" + view.manual().slug();
  }
}
