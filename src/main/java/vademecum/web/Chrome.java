package vademecum.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vademecum.kernel.Membership;
import vademecum.kernel.TimeZones;

/**
 * What every page's frame shows: who is signed in, their workspaces (the one-click switcher), the
 * CSRF token the page's forms carry, the interface language with its texts, and the page's own
 * address (where the language switch returns). {@code name} is null for anonymous pages.
 */
public record Chrome(
    String name,
    boolean admin,
    List<Membership> workspaces,
    String currentWorkspace,
    String csrf,
    String lang,
    String here) {

  public static Chrome anonymous(String csrf, String lang, String here) {
    return new Chrome(null, false, List.of(), null, csrf, lang, here);
  }

  public boolean signedIn() {
    return name != null;
  }

  public Texts texts() {
    return Texts.of(lang);
  }

  /** An interface text in the reader's language. */
  public String t(String key, Object... args) {
    return texts().t(key, args);
  }

  /** A text that depends on a count, in the reader's language ({@link Texts#count}). */
  public String count(String key, long n, Object... args) {
    return texts().count(key, n, args);
  }

  /** A message written by a service (in English), in the reader's language when translated. */
  public String msg(String message) {
    return Translations.translate(lang, message);
  }

  /** A moment, as the day it was where the reader works ({@link #zone}). */
  public String date(OffsetDateTime at) {
    return texts().date(local(at));
  }

  public String date(LocalDate day) {
    return texts().date(day);
  }

  /** A moment, at the time it was where the reader works ({@link #zone}). */
  public String dateTime(OffsetDateTime at) {
    return texts().dateTime(local(at));
  }

  /**
   * The time zone moments are shown in: the workspace's of the page, or the one all the reader's
   * workspaces share, else the default. Moments are read from the database in the server's zone
   * (UTC in a container): a step ticked at 09:00 in Paris showed 07:00 or 08:00.
   */
  public ZoneId zone() {
    for (Membership m : workspaces) {
      if (m.slug().equals(currentWorkspace)) {
        return TimeZones.of(m.timeZone());
      }
    }
    Set<String> zones = new HashSet<>();
    workspaces.forEach(m -> zones.add(m.timeZone()));
    return zones.size() == 1 ? TimeZones.of(zones.iterator().next()) : TimeZones.DEFAULT;
  }

  private OffsetDateTime local(OffsetDateTime at) {
    return at == null ? null : at.atZoneSameInstant(zone()).toOffsetDateTime();
  }
}
