package vademecum.ack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vademecum.kernel.Workspace;
import vademecum.manual.Stewardship;
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
    String status,
    Map<String, Stewardship.Steward> stewards) {

  /** A manual of the grid: its completion, owner and last review (issue 24). */
  public record ManualRow(
      String slug, String title, Dashboard.Completion completion, Stewardship.Steward steward) {}

  /** The grid's manuals, in its order. */
  public List<ManualRow> manualRows() {
    List<ManualRow> rows = new ArrayList<>();
    dashboard
        .manuals()
        .forEach(
            (slug, title) ->
                rows.add(
                    new ManualRow(
                        slug, title, dashboard.byManual().get(slug), stewards.get(slug))));
    return rows;
  }

  public boolean onlyOutstanding() {
    return "outstanding".equals(status);
  }
}
