package vademecum.run;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import vademecum.kernel.Nullable;

/**
 * One time a procedure was worked through, on the version it was started on.
 *
 * @param versionNumber the procedure version the run is frozen on
 * @param currentNumber the procedure's version now: a higher one means a newer text exists
 * @param outcome {@code done} or {@code problems} once finished, null while open
 * @param startedBy null for a run its schedule created
 * @param assignee who a schedule gave the run to
 */
public record Run(
    long id,
    long workspaceId,
    String workspaceSlug,
    ZoneId zone,
    long procedureId,
    long procedureVersionId,
    int versionNumber,
    int currentNumber,
    String manualSlug,
    String manualLanguage,
    String procedureKey,
    String procedureTitle,
    String title,
    @Nullable LocalDate dueOn,
    @Nullable String startedBy,
    OffsetDateTime startedAt,
    @Nullable String finishedBy,
    @Nullable OffsetDateTime finishedAt,
    @Nullable String outcome,
    @Nullable String assignee) {

  public boolean open() {
    return finishedAt == null;
  }

  public boolean newerVersionExists() {
    return currentNumber > versionNumber;
  }

  /** Open and past its due date ({@code today} in the workspace's time zone). */
  public boolean overdue(LocalDate today) {
    return open() && dueOn != null && dueOn.isBefore(today);
  }

  /** Open and past its due date now, in its workspace's time zone. */
  public boolean overdue(Clock clock) {
    return overdue(LocalDate.now(clock.withZone(zone)));
  }

  public String url() {
    return "/w/" + workspaceSlug + "/runs/" + id;
  }

  public String procedureUrl() {
    return "/w/" + workspaceSlug + "/m/" + manualSlug + "#" + procedureKey;
  }
}
