package vademecum.markdown;

import java.util.ArrayList;
import java.util.List;
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
    List<String> out = new ArrayList<>();
    List<String> prose = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n", -1)) {
      Matcher fenceMatch = FENCE.matcher(line);
      if (fence == null && fenceMatch.find()) {
        out.addAll(cleanProse(prose));
        prose.clear();
        fence = fenceMatch.group(1).substring(0, 3);
        out.add(line);
      } else if (fence != null) {
        out.add(line);
        if (line.strip().startsWith(fence)) {
          fence = null;
        }
      } else {
        prose.add(line);
      }
    }
    out.addAll(cleanProse(prose));
    return String.join("\n", out);
  }

  private static List<String> cleanProse(List<String> prose) {
    if (prose.isEmpty()) {
      return prose;
    }
    // Comments may span lines, so they are removed from the block as a whole.
    String text = COMMENT.matcher(String.join("\n", prose)).replaceAll("");
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String cleaned = outsideInlineCode(line);
      if (HEADING.matcher(cleaned).find()) {
        cleaned = anchorToId(cleaned);
      }
      boolean removedWholeLine = !line.isBlank() && cleaned.isBlank();
      if (!removedWholeLine) {
        out.add(cleaned);
      }
    }
    return out;
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
