package vademecum.run;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import vademecum.kernel.Nullable;

/**
 * Which runs a list shows: of one procedure ({@code manual/key}), of one person (its assignee, or
 * who started it), in one state (open, overdue, done, problems), started within a period. Every
 * part is optional; the list and its CSV export read the same filter.
 */
public record RunFilter(
    @Nullable String procedure,
    @Nullable Long person,
    @Nullable String state,
    @Nullable LocalDate from,
    @Nullable LocalDate to) {

  public static final RunFilter ALL = new RunFilter(null, null, null, null, null);

  /** From the query string; what cannot be read is left out, never refused. */
  public static RunFilter of(
      String procedure, String person, String state, String from, String to) {
    return new RunFilter(
        blank(procedure) ? null : procedure.strip(),
        number(person),
        state != null && state.matches("open|overdue|done|problems") ? state : null,
        date(from),
        date(to));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static Long number(String text) {
    try {
      return blank(text) ? null : Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate date(String text) {
    return blank(text) ? null : calendarDate(text);
  }

  /**
   * A date written yyyy-mm-dd with a four-digit year, or null. ISO also reads "+999999999-12-31", a
   * date a day after which does not exist and that PostgreSQL cannot store: each was a 500.
   */
  static LocalDate calendarDate(String text) {
    String date = text.strip();
    if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return null;
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The query string that gives this filter back, for links and the CSV export. */
  public String query() {
    StringBuilder query = new StringBuilder();
    append(query, "procedure", procedure);
    append(query, "person", person == null ? null : person.toString());
    append(query, "state", state);
    append(query, "from", from == null ? null : from.toString());
    append(query, "to", to == null ? null : to.toString());
    return query.toString();
  }

  private static void append(StringBuilder query, String name, String value) {
    if (value != null) {
      query
          .append(query.isEmpty() ? "?" : "&")
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
