package vademecum.run;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * When a scheduled procedure falls due: every day, every week on a weekday, every month on a day
 * (the 31st is the month's last day in shorter months, the 29th of February only in leap years) or
 * on its last working day, or every quarter the same way in the quarter's months counted from the
 * first one. Due dates are days of the workspace's calendar; the moments derived from them (when a
 * reminder goes, when a run is overdue) are computed in its time zone, so a change of summer time
 * moves neither.
 *
 * @param day the weekday (1 Monday … 7 Sunday) for weekly, the day of the month (1–31) for monthly
 *     and quarterly, unused otherwise or with {@code lastWorkingDay}
 * @param anchor a quarterly schedule's first month (its quarters are counted from it)
 */
public record Recurrence(Frequency frequency, int day, boolean lastWorkingDay, YearMonth anchor) {

  public enum Frequency {
    DAILY,
    WEEKLY,
    MONTHLY,
    QUARTERLY;

    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Frequency fromColumn(String column) {
      return valueOf(column.toUpperCase(Locale.ROOT));
    }
  }

  public Recurrence {
    switch (frequency) {
      case WEEKLY -> {
        if (day < 1 || day > 7) {
          throw new IllegalArgumentException("weekday " + day);
        }
      }
      case MONTHLY, QUARTERLY -> {
        if (!lastWorkingDay && (day < 1 || day > 31)) {
          throw new IllegalArgumentException("day of month " + day);
        }
      }
      case DAILY -> {}
    }
  }

  /** The first due date on or after {@code from}. */
  public LocalDate firstOnOrAfter(LocalDate from) {
    return switch (frequency) {
      case DAILY -> from;
      case WEEKLY -> {
        int ahead = (day - from.getDayOfWeek().getValue() + 7) % 7;
        yield from.plusDays(ahead);
      }
      case MONTHLY, QUARTERLY -> {
        YearMonth month = YearMonth.from(from);
        while (!inCycle(month) || inMonth(month).isBefore(from)) {
          month = month.plusMonths(1);
        }
        yield inMonth(month);
      }
    };
  }

  /** The due date after {@code due}. */
  public LocalDate after(LocalDate due) {
    return switch (frequency) {
      case DAILY -> due.plusDays(1);
      case WEEKLY -> due.plusWeeks(1);
      // Counted from the rule, not from the previous date: after the 28th of February comes the
      // 31st of March, not the 28th.
      case MONTHLY, QUARTERLY -> {
        YearMonth month = YearMonth.from(due).plusMonths(1);
        while (!inCycle(month)) {
          month = month.plusMonths(1);
        }
        yield inMonth(month);
      }
    };
  }

  private boolean inCycle(YearMonth month) {
    if (frequency != Frequency.QUARTERLY) {
      return true;
    }
    long months =
        (month.getYear() - anchor.getYear()) * 12L + month.getMonthValue() - anchor.getMonthValue();
    return Math.floorMod(months, 3) == 0;
  }

  /** This rule's day in that month. */
  LocalDate inMonth(YearMonth month) {
    if (lastWorkingDay) {
      LocalDate last = month.atEndOfMonth();
      while (last.getDayOfWeek() == DayOfWeek.SATURDAY || last.getDayOfWeek() == DayOfWeek.SUNDAY) {
        last = last.minusDays(1);
      }
      return last;
    }
    return month.atDay(Math.min(day, month.lengthOfMonth()));
  }

  /** When a run due that day becomes overdue: the start of the next day in the zone. */
  public static ZonedDateTime overdueFrom(LocalDate due, ZoneId zone) {
    return due.plusDays(1).atStartOfDay(zone);
  }
}
