package vademecum.run;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.web.JsonBody;

/** What the runs API reads and answers, as records (see {@code ManualJson}). */
public final class RunJson {
  private RunJson() {}

  /**
   * A run: {@code version} is the procedure version it is frozen on, {@code currentVersion} the
   * procedure's now; {@code outcome} done or problems once finished (ISO 8601 times, dates).
   */
  public record RunItem(
      long id,
      String title,
      String manual,
      String procedure,
      int version,
      int currentVersion,
      @Nullable String due,
      @Nullable String assignee,
      @Nullable String startedBy,
      String startedAt,
      @Nullable String finishedAt,
      @Nullable String outcome,
      String url) {
    static RunItem of(Run run, String baseUrl) {
      return new RunItem(
          run.id(),
          run.title(),
          run.manualSlug(),
          run.procedureKey(),
          run.versionNumber(),
          run.currentNumber(),
          run.dueOn() == null ? null : run.dueOn().toString(),
          run.assignee(),
          run.startedBy(),
          run.startedAt().toString(),
          run.finishedAt() == null ? null : run.finishedAt().toString(),
          run.outcome(),
          baseUrl + run.url());
    }
  }

  public record RunList(List<RunItem> runs) {}

  /** A step: {@code state} open, done, not_applicable or problem; {@code text} is Markdown. */
  public record StepItem(
      int position,
      String text,
      String state,
      @Nullable String note,
      @Nullable String by,
      @Nullable String at) {}

  /** One change of a step, in order. */
  public record TickItem(
      int position, String state, @Nullable String note, @Nullable String by, String at) {}

  public record RunDetail(RunItem run, List<StepItem> steps, List<TickItem> ticks) {
    static RunDetail of(RunService.RunView view, String baseUrl) {
      return new RunDetail(
          RunItem.of(view.run(), baseUrl),
          view.steps().stream()
              .map(RunService.Step::step)
              .map(
                  s ->
                      new StepItem(
                          s.position(),
                          s.text(),
                          s.state(),
                          s.note(),
                          s.changedBy(),
                          s.changedAt() == null ? null : s.changedAt().toString()))
              .toList(),
          view.ticks().stream()
              .map(t -> new TickItem(t.position(), t.state(), t.note(), t.by(), t.at().toString()))
              .toList());
    }
  }

  /** A new run: its title (default: the procedure and the month) and due date (ISO). */
  public record StartBody(@Nullable String title, @Nullable String due) {
    static StartBody read(JsonBody json) {
      return new StartBody(json.text("title", ""), json.text("due", ""));
    }
  }

  /**
   * A step's new state, with the note that not_applicable and problem require; {@code seen}, the
   * state the client last read (as the page sends it): when someone changed the step since, the
   * answer is 409 instead of their change overwritten.
   */
  public record TickBody(String state, @Nullable String note, @Nullable String seen) {
    static TickBody read(JsonBody json) {
      return new TickBody(json.text("state", ""), json.text("note", ""), json.text("seen", null));
    }
  }

  /**
   * A schedule: {@code frequency} daily, weekly, monthly or quarterly; {@code day} the weekday (1
   * Monday … 7 Sunday) or the day of the month, 0 with {@code lastWorkingDay}.
   */
  public record ScheduleItem(
      long id,
      String manual,
      String procedure,
      String frequency,
      int day,
      boolean lastWorkingDay,
      @Nullable Long assigneeId,
      @Nullable String assignee,
      int leadDays,
      String nextDue) {
    static ScheduleItem of(Schedule s) {
      return new ScheduleItem(
          s.id(),
          s.manualSlug(),
          s.procedureKey(),
          s.recurrence().frequency().column(),
          s.recurrence().day(),
          s.recurrence().lastWorkingDay(),
          s.assigneeId(),
          s.assigneeName(),
          s.leadDays(),
          s.nextDue().toString());
    }
  }

  public record ScheduleList(List<ScheduleItem> schedules) {}

  /**
   * A new schedule: {@code day} a weekday number, a day of the month, or {@code last} (the last
   * working day); {@code assignee} a member's account id; {@code leadDays} 0–31 (default 2).
   */
  public record ScheduleBody(
      String frequency, @Nullable String day, long assignee, @Nullable Integer leadDays) {
    static ScheduleBody read(JsonBody json) {
      Long assignee = json.number("assignee");
      return new ScheduleBody(
          json.text("frequency", ""),
          json.text("day", ""),
          assignee == null ? 0 : assignee,
          json.integer("leadDays"));
    }
  }

  public record Stopped(long id) {}
}
