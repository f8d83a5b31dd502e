package vademecum.run;

import java.time.LocalDate;
import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** A run: its steps to tick (refreshed while others tick) and its record. */
public record RunPage(
    Chrome chrome,
    Workspace workspace,
    RunService.RunView view,
    LocalDate today,
    @Nullable String error) {

  public Run run() {
    return view.run();
  }

  public String stepAction(int position) {
    return run().url() + "/steps/" + position;
  }
}
