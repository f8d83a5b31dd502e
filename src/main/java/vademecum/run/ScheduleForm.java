package vademecum.run;

/** The schedule form as typed, shown again when refused. */
public record ScheduleForm(String frequency, String day, String assignee, String leadDays) {
  public static final ScheduleForm EMPTY = new ScheduleForm("monthly", "last", "", "2");
}
