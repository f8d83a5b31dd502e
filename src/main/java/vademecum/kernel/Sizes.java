package vademecum.kernel;

/** Sizes as people read them in a limit's message ("2 MB"); the web layer translates the units. */
public final class Sizes {
  private Sizes() {}

  public static String human(long bytes) {
    long gigabyte = 1024L * 1024 * 1024;
    if (bytes >= gigabyte && bytes % gigabyte == 0) {
      return bytes / gigabyte + " GB";
    }
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes >= 1024) {
      return (bytes / 1024) + " KB";
    }
    return bytes + " bytes";
  }
}
