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
    @Nullable String error,
    @Nullable Kept kept) {

  /**
   * A tick refused because someone changed the step meanwhile, with the note it carried: shown on
   * that step with a button to send it over the other person's (the note was lost otherwise).
   */
  public record Kept(int position, String state, String note) {}

  /** What was refused at this step, if its note is to be shown again. */
  public @Nullable Kept keptAt(int position) {
    return kept != null && kept.position() == position && !kept.note().isBlank() ? kept : null;
  }

  public Run run() {
    return view.run();
  }

  public String stepAction(int position) {
    return run().url() + "/steps/" + position;
  }
}
