package vademecum.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vademecum.run.Recurrence.Frequency;

/** Due dates across month ends, leap days and summer time, against fixed dates. */
class RecurrenceTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final YearMonth ANY = YearMonth.of(2027, 1);

  private static List<LocalDate> dues(Recurrence rule, LocalDate from, int count) {
    List<LocalDate> dues = new ArrayList<>();
    LocalDate due = rule.firstOnOrAfter(from);
    for (int i = 0; i < count; i++) {
      dues.add(due);
      due = rule.after(due);
    }
    return dues;
  }

  private static LocalDate d(String text) {
    return LocalDate.parse(text);
  }

  @Test
  void the_31st_of_each_month_is_its_last_day_in_shorter_months_and_comes_back() {
    assertEquals(
        List.of(d("2027-01-31"), d("2027-02-28"), d("2027-03-31"), d("2027-04-30")),
        dues(new Recurrence(Frequency.MONTHLY, 31, false, ANY), d("2027-01-15"), 4));
  }

  @Test
  void the_29th_of_february_comes_in_leap_years_only_and_a_daily_run_crosses_it() {
    Recurrence the29th = new Recurrence(Frequency.MONTHLY, 29, false, ANY);
    assertEquals(
        List.of(d("2028-01-29"), d("2028-02-29"), d("2028-03-29")),
        dues(the29th, d("2028-01-02"), 3));
    assertEquals(d("2027-02-28"), the29th.after(d("2027-01-29")));
    assertEquals(
        List.of(d("2028-02-28"), d("2028-02-29"), d("2028-03-01")),
        dues(new Recurrence(Frequency.DAILY, 0, false, ANY), d("2028-02-28"), 3));
  }

  @Test
  void the_last_working_day_steps_back_over_a_weekend() {
    // 31 January 2027 is a Sunday, 31 July 2027 a Saturday.
    assertEquals(
        List.of(d("2027-01-29"), d("2027-02-26"), d("2027-03-31")),
        dues(new Recurrence(Frequency.MONTHLY, 0, true, ANY), d("2027-01-01"), 3));
    assertEquals(
        d("2027-07-30"),
        new Recurrence(Frequency.MONTHLY, 0, true, ANY).firstOnOrAfter(d("2027-07-01")));
  }

  @Test
  void quarters_count_from_their_first_month_and_weeks_from_their_weekday() {
    Recurrence quarterly = new Recurrence(Frequency.QUARTERLY, 15, false, YearMonth.of(2027, 1));
    assertEquals(
        List.of(d("2027-04-15"), d("2027-07-15"), d("2027-10-15"), d("2028-01-15")),
        dues(quarterly, d("2027-02-01"), 4));
    // Wednesday 24 March 2027: the next Monday is the 29th.
    assertEquals(
        List.of(d("2027-03-29"), d("2027-04-05")),
        dues(new Recurrence(Frequency.WEEKLY, 1, false, ANY), d("2027-03-24"), 2));
  }

  @Test
  void summer_time_moves_neither_the_due_days_nor_the_day_a_run_becomes_overdue() {
    // In Paris the clocks go forward on 28 March 2027 and back on 31 October 2027.
    Recurrence daily = new Recurrence(Frequency.DAILY, 0, false, ANY);
    List<LocalDate> march = dues(daily, d("2027-03-27"), 3);
    assertEquals(List.of(d("2027-03-27"), d("2027-03-28"), d("2027-03-29")), march);
    // The day of the change has 23 hours: a run due that day is overdue 23 hours after it began.
    assertEquals(
        Duration.ofHours(23),
        Duration.between(
            d("2027-03-28").atStartOfDay(PARIS), Recurrence.overdueFrom(d("2027-03-28"), PARIS)));
    assertEquals(
        Duration.ofHours(25),
        Duration.between(
            d("2027-10-31").atStartOfDay(PARIS), Recurrence.overdueFrom(d("2027-10-31"), PARIS)));
  }
}
