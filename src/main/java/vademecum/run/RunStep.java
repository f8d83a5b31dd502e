package vademecum.run;

import java.time.OffsetDateTime;
import java.util.Set;
import vademecum.kernel.Nullable;

/**
 * A step of a run as it stands: its text (Markdown, from the frozen version), its state and who set
 * it when.
 *
 * @param state {@code open}, {@code done}, {@code not_applicable} or {@code problem}
 */
public record RunStep(
    int position,
    String text,
    String state,
    @Nullable String note,
    @Nullable String changedBy,
    @Nullable OffsetDateTime changedAt) {

  public static final Set<String> STATES = Set.of("open", "done", "not_applicable", "problem");

  /** States that need a note saying why. */
  public static final Set<String> EXPLAINED = Set.of("not_applicable", "problem");

  public boolean open() {
    return state.equals("open");
  }
}
