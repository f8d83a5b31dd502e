package vademecum.share;

import vademecum.kernel.Workspace;
import vademecum.manual.ManualService;
import vademecum.web.Chrome;

/** The form that creates a share link for one manual. */
public record ShareFormPage(
    Chrome chrome,
    Workspace workspace,
    ManualService.Shared manual,
    ShareService.Request request,
    int maxDays,
    String error) {

  public boolean chosen(String key) {
    return request.procedureKeys().contains(key);
  }
}
