package vademecum.web;

/** Where a form may send the browser after it is done. */
public final class Redirects {
  private Redirects() {}

  /** Only a path on this site: an open redirect would make phishing links look like ours. */
  public static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.contains("\\")
        || next.length() > 2000
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/";
    }
    return next;
  }
}
