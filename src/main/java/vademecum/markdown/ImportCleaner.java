package vademecum.markdown;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans Markdown written for another site generator: template tags ({@code {% … %}}, {@code {{< …
 * >}}}, {@code {{generator:…}}}) and HTML comments are removed, and an HTML anchor in a heading
 * becomes the heading's explicit id, so links to it keep working. Code is left untouched.
 */
public final class ImportCleaner {
  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(`{3,}|~{3,})");
  private static final Pattern TEMPLATE_TAG =
      Pattern.compile("\\{%.*?%\\}|\\{\\{[<%].*?[>%]\\}\\}|\\{\\{\\s*generator:[^}]*\\}\\}");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s");
  private static final Pattern HEADING_ANCHOR =
      Pattern.compile(
          "\\s*<a\\s+(?:name|id)=\"([^\"]*)\"\\s*>\\s*</a>\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

  private ImportCleaner() {}

  public static String clean(String markdown) {
    StringBuilder out = new StringBuilder(markdown.length());
    String fence = null;
    StringBuilder prose = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      Matcher fenceMatch = FENCE.matcher(line);
      if (fence == null && fenceMatch.find()) {
        out.append(cleanProse(prose.toString()));
        prose.setLength(0);
        fence = fenceMatch.group(1).substring(0, 3);
        out.append(line).append('\n');
      } else if (fence != null) {
        out.append(line).append('\n');
        if (line.strip().startsWith(fence)) {
          fence = null;
        }
      } else {
        prose.append(line).append('\n');
      }
    }
    out.append(cleanProse(prose.toString()));
    String result = out.toString();
    return markdown.endsWith("\n") ? result : result.substring(0, Math.max(0, result.length() - 1));
  }

  private static String cleanProse(String prose) {
    if (prose.isEmpty()) {
      return prose;
    }
    String text = COMMENT.matcher(prose).replaceAll("");
    StringBuilder out = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String cleaned = outsideInlineCode(line);
      if (HEADING.matcher(cleaned).find()) {
        cleaned = anchorToId(cleaned);
      }
      boolean removedWholeLine = !line.isBlank() && cleaned.isBlank();
      if (!removedWholeLine) {
        out.append(cleaned);
        if (i < lines.length - 1) {
          out.append('\n');
        }
      }
    }
    return out.toString();
  }

  /** Template tags are removed only outside `inline code`, where they are examples. */
  private static String outsideInlineCode(String line) {
    if (!line.contains("{")) {
      return line;
    }
    String[] parts = line.split("`", -1);
    for (int i = 0; i < parts.length; i += 2) {
      parts[i] = TEMPLATE_TAG.matcher(parts[i]).replaceAll("");
    }
    return String.join("`", parts);
  }

  private static String anchorToId(String heading) {
    Matcher anchor = HEADING_ANCHOR.matcher(heading);
    if (!anchor.find()) {
      return heading;
    }
    String id = anchor.group(1);
    String without = anchor.replaceAll(" ").stripTrailing();
    if (Slugs.isValidKey(id) && !without.matches(".*\\{#[^}]+\\}$")) {
      return without + " {#" + id + "}";
    }
    return without;
  }
}
