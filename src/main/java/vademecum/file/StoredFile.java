package vademecum.file;

import vademecum.markdown.Slugs;

/**
 * A kept file, without its bytes. Its address names the workspace and the SHA-256 of the bytes, so
 * it never changes and can be cached for ever.
 */
public record StoredFile(
    long id,
    long workspaceId,
    String sha256,
    String name,
    String contentType,
    int size,
    Integer width,
    Integer height,
    boolean hasDisplayCopy) {

  /** The same file under another name (the address is read by its hash alone). */
  public StoredFile named(String other) {
    return new StoredFile(
        id, workspaceId, sha256, other, contentType, size, width, height, hasDisplayCopy);
  }

  public boolean image() {
    return contentType.startsWith("image/");
  }

  public String url(String workspaceSlug) {
    return url(workspaceSlug, sha256, name);
  }

  /** The address of a workspace's file by its hash and name. */
  public static String url(String workspaceSlug, String sha256, String name) {
    return "/w/" + workspaceSlug + "/files/" + sha256 + "/" + urlName(name);
  }

  /** The name as it appears in an address: letters, digits, dots and dashes. */
  public String urlName() {
    return urlName(name);
  }

  /**
   * The file as a download names it, from the name its address was asked by. The same bytes are
   * kept once, under the first uploader's name, which may come from a private question
   * ("iban-alice.png"); someone else's address names their own upload. The kept name (accents and
   * spaces) is given only to the address made from it.
   */
  public StoredFile askedAs(String nameInAddress) {
    String asked = urlName(nameInAddress == null ? "" : nameInAddress);
    return asked.equals(urlName()) ? this : named(asked);
  }

  private static String urlName(String name) {
    // Accents folded first: "Relevé été" is "releve-ete", not "relev-t". (The address is read
    // by its hash alone, so the names of files kept before still lead to them.)
    String safe =
        Slugs.fold(name)
            .replaceAll("[^a-z0-9._-]+", "-")
            .replaceAll("-{2,}", "-")
            .replaceAll("^[-.]+|-+$", "");
    if (safe.length() > 100) {
      safe = safe.substring(safe.length() - 100); // the end keeps the extension
    }
    return safe.isEmpty() ? "file" : safe;
  }

  /**
   * The address a text links it by: an image's carries its size ({@code ?size=1280x720}), which
   * pages turn into width and height so that they do not jump while it loads.
   */
  public String address(String workspaceSlug) {
    return image() && width != null && height != null
        ? url(workspaceSlug) + "?size=" + width + "x" + height
        : url(workspaceSlug);
  }

  /** The Markdown that shows it: an image with its size, or a link to download the file. */
  public String markdown(String workspaceSlug, String alt) {
    String label = alt == null || alt.isBlank() ? defaultAlt() : alt.strip();
    label = label.replaceAll("[\\[\\]\\r\\n]", " ");
    return (image() ? "!" : "") + "[" + label + "](" + address(workspaceSlug) + ")";
  }

  private String defaultAlt() {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
