package vademecum.web;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The interface's words in one language, from {@code i18n/messages_<lang>.properties}, with dates
 * and numbers in that language's style. Manual text is never translated: it keeps its own language.
 */
public final class Texts {
  public static final List<String> LANGUAGES = List.of("fr", "en");

  private static final Map<String, Texts> ALL =
      Map.of("fr", new Texts(Locale.FRENCH), "en", new Texts(Locale.ENGLISH));

  private final Locale locale;
  private final ResourceBundle bundle;
  private final DateTimeFormatter date;
  private final DateTimeFormatter dateTime;

  private Texts(Locale locale) {
    this.locale = locale;
    this.bundle =
        ResourceBundle.getBundle(
            "i18n.messages",
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    this.dateTime =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale);
  }

  /** The texts of {@code language}; English for anything that is not a supported language. */
  public static Texts of(String language) {
    return ALL.getOrDefault(language, ALL.get("en"));
  }

  public String language() {
    return locale.getLanguage();
  }

  /**
   * The text of {@code key} with {@code {0}}, {@code {1}}… replaced by the arguments. Plain
   * replacement rather than MessageFormat, whose quoting rules would mangle French apostrophes.
   */
  public String t(String key, Object... args) {
    String text;
    try {
      text = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("No text " + key + " in " + locale.getLanguage(), e);
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /**
   * A text that depends on a count: {@code key.one} or {@code key.other}, by the language's rule
   * (French counts 0 and 1 as singular, English only 1), with {@code {0}} the formatted count and
   * {@code {1}}… the other arguments.
   */
  public String count(String key, long n, Object... args) {
    boolean one = singular(n);
    Object[] all = new Object[args.length + 1];
    all[0] = number(n);
    System.arraycopy(args, 0, all, 1, args.length);
    return t(key + (one ? ".one" : ".other"), all);
  }

  /** Whether the language says {@code n} things in the singular: French 0 and 1, English 1. */
  public boolean singular(long n) {
    return "fr".equals(language()) ? n <= 1 && n >= 0 : n == 1;
  }

  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  public Set<String> keys() {
    return bundle.keySet();
  }

  public String date(OffsetDateTime at) {
    return at == null ? "" : date.format(at);
  }

  /** A day of a calendar (a due date): as the person's language writes it, not 2027-03-31. */
  public String date(LocalDate day) {
    return day == null ? "" : date.format(day);
  }

  public String dateTime(OffsetDateTime at) {
    return at == null ? "" : dateTime.format(at);
  }

  public String number(long n) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }
}
