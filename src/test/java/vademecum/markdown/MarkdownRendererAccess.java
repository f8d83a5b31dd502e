package vademecum.markdown;

/** Test access to the package-private link resolution of {@link MarkdownRenderer}. */
public final class MarkdownRendererAccess {
  private MarkdownRendererAccess() {}

  public static String target(MarkdownRenderer.ImportedFrom from, String url) {
    return MarkdownRenderer.importTarget(from, url);
  }
}
