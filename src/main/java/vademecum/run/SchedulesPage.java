package vademecum.run;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** A procedure's schedules and the form that adds one. */
public record SchedulesPage(
    Chrome chrome,
    Workspace workspace,
    RunSchedules.Scheduling scheduling,
    ScheduleForm form,
    @Nullable String error) {

  public String manualUrl() {
    return "/w/" + workspace.slug() + "/m/" + scheduling.manual().manual().slug();
  }

  public String action() {
    return manualUrl() + "/p/" + scheduling.key() + "/schedules";
  }

  /** "Every month, on its last working day", in the reader's language. */
  public String describe(Schedule schedule) {
    return describe(chrome, schedule.recurrence());
  }

  static String describe(Chrome chrome, Recurrence recurrence) {
    Locale locale = Locale.forLanguageTag(chrome.lang());
    String frequency = recurrence.frequency().column();
    return switch (recurrence.frequency()) {
      case DAILY -> chrome.t("schedule.every.daily");
      case WEEKLY ->
          chrome.t(
              "schedule.every.weekly",
              DayOfWeek.of(recurrence.day()).getDisplayName(TextStyle.FULL, locale));
      case MONTHLY, QUARTERLY ->
          recurrence.lastWorkingDay()
              ? chrome.t("schedule.every." + frequency + ".last")
              : chrome.t("schedule.every." + frequency, recurrence.day());
    };
  }

  /** The weekdays, Monday first, as the form offers them. */
  public List<String> weekdays() {
    Locale locale = Locale.forLanguageTag(chrome.lang());
    return IntStream.rangeClosed(1, 7)
        .mapToObj(d -> DayOfWeek.of(d).getDisplayName(TextStyle.FULL, locale))
        .toList();
  }
}
