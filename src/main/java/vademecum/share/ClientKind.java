package vademecum.share;

import java.util.Locale;
import vademecum.web.Chrome;

/**
 * The coarse kind of client behind a request ("Firefox on Windows"), which is all an opening of a
 * share link records about its reader: no address, no full user agent.
 */
public final class ClientKind {
  private ClientKind() {}

  static String of(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown client";
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    return browser(ua) + " on " + system(ua);
  }

  private static String browser(String ua) {
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    if (ua.contains("edg/")) return "Edge";
    if (ua.contains("opr/") || ua.contains("opera")) return "Opera";
    if (ua.contains("firefox/")) return "Firefox";
    if (ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/"))
      return "Chrome";
    if (ua.contains("safari/")) return "Safari";
    if (ua.contains("curl/")
        || ua.contains("wget/")
        || ua.contains("java/")
        || ua.contains("java-http-client")
        || ua.contains("python")) return "a program";
    return "another browser";
  }

  private static String system(String ua) {
    if (ua.contains("android")) return "Android";
    if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ios")) return "iOS";
    if (ua.contains("windows")) return "Windows";
    if (ua.contains("mac os") || ua.contains("macintosh")) return "macOS";
    if (ua.contains("cros")) return "ChromeOS";
    if (ua.contains("linux")) return "Linux";
    return "another system";
  }

  /**
   * A recorded kind in the reader's language: it is stored in English words ("Firefox on Windows",
   * "a program on another system"), which the page translates part by part.
   */
  public static String shown(String stored, Chrome chrome) {
    int on = stored.lastIndexOf(" on ");
    if (on < 0) {
      return part(stored, chrome);
    }
    return chrome.t(
        "client.on", part(stored.substring(0, on), chrome), part(stored.substring(on + 4), chrome));
  }

  private static String part(String words, Chrome chrome) {
    return switch (words) {
      case "a program", "another browser", "another system", "unknown client" ->
          chrome.t("client." + words.replace(' ', '-'));
      default -> words;
    };
  }
}
