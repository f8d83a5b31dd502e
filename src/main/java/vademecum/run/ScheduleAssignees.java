package vademecum.run;

import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.kernel.Nullable;
import vademecum.kernel.Role;

/**
 * Schedules follow their assignee's membership: someone removed from the workspace, or now a
 * recruiter (who runs no checklists), is taken off the schedules and open runs they were assigned.
 * Their runs kept being assigned to them, reached nobody's inbox and fell overdue unnoticed;
 * unassigned, the schedule shows "nobody" on the runs page, and its runs are there for the team.
 */
public final class ScheduleAssignees {
  private final ScheduleRepository schedules;
  private final AuditLog audit;

  public ScheduleAssignees(ScheduleRepository schedules, AuditLog audit) {
    this.schedules = schedules;
    this.audit = audit;
  }

  /** A member's role changed ({@code after} null: removed), in that change's transaction. */
  public void roleChanged(
      DSLContext tx,
      long workspaceId,
      long accountId,
      Role before,
      @Nullable Role after,
      long byAccount) {
    if (after != null && after != Role.RECRUITER) {
      return;
    }
    schedules.unassignOpenRuns(tx, workspaceId, accountId);
    for (long id : schedules.unassign(tx, workspaceId, accountId)) {
      audit.record(
          tx,
          byAccount,
          workspaceId,
          "schedule.unassign",
          String.valueOf(id),
          "its assignee no longer runs checklists here");
    }
  }
}
