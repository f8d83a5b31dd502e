package vademecum.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * A workspace's runs: open (overdue first), then finished; and its schedules ({@code canEdit}: the
 * reader may stop them; {@code paused}: those whose procedure has no steps now, which make no run).
 * {@code zones}: every time zone the workspace may choose, for the owners' setting.
 */
public record RunsPage(
    Chrome chrome,
    Workspace workspace,
    List<Run> runs,
    List<Schedule> schedules,
    Set<Long> paused,
    boolean canEdit,
    LocalDate today,
    RunFilter filter,
    List<ScheduleRepository.Assignable> people,
    String zone,
    List<String> zones,
    boolean isOwner) {

  public String csvUrl() {
    return "/w/" + workspace.slug() + "/runs.csv" + filter.query();
  }

  public List<Run> open() {
    return runs.stream().filter(Run::open).toList();
  }

  public String describe(Schedule schedule) {
    return SchedulesPage.describe(chrome, schedule.recurrence());
  }

  public List<Run> finished() {
    return runs.stream().filter(r -> !r.open()).toList();
  }
}
