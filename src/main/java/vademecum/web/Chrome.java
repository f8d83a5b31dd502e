package vademecum.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import vademecum.kernel.Membership;

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

  public String date(OffsetDateTime at) {
    return texts().date(at);
  }

  public String date(LocalDate day) {
    return texts().date(day);
  }

  public String dateTime(OffsetDateTime at) {
    return texts().dateTime(at);
  }
}
