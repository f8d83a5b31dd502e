package vademecum.ack;

import java.util.Map;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * The client's view of who has read what, optionally narrowed to one manual and to assistants with
 * outstanding procedures.
 *
 * @param manuals slug → title of every manual with current procedures, for the filter
 */
public record DashboardPage(
    Chrome chrome,
    Workspace workspace,
    Dashboard dashboard,
    Map<String, String> manuals,
    String manual,
    String status) {

  public boolean onlyOutstanding() {
    return "outstanding".equals(status);
  }
}
