package vademecum.markdown;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a Markdown node as a reader sees them: text, inline code, code blocks, link texts
 * and image descriptions, without syntax or raw HTML. Written here rather than using flexmark's
 * TextCollectingVisitor, whose sequence builder fails its own length checks on ordinary manuals
 * (seen with assertions on), which once stopped the search indexer.
 */
final class PlainText {
  /**
   * A heading's explicit procedure key, {@code {#key}}: syntax, not words. The spaces before it are
   * stripped apart: a leading {@code \\s*} would be tried again from every space of a long run (a
   * heading of two million spaces took hours).
   */
  static final Pattern EXPLICIT_ID =
      Pattern.compile("\\{#([A-Za-z0-9][A-Za-z0-9_.:-]{0,99})\\}\\s*$");

  private static final Pattern SPACES = Pattern.compile("[ \\t]+");
  private static final Pattern SPACED_NEWLINE = Pattern.compile(" ?\\n ?");

  private PlainText() {}

  static String of(Node node) {
    StringBuilder out = new StringBuilder();
    collect(node, out);
    String spaced = SPACES.matcher(out).replaceAll(" ");
    return SPACED_NEWLINE.matcher(spaced).replaceAll("\n").strip();
  }

  /**
   * The words of the sibling blocks from {@code first} up to {@code until} (excluded; null for the
   * end), one paragraph each, separated by blank lines, without {@code {#key}} markers.
   */
  static String paragraphs(Node first, Node until) {
    StringBuilder plain = new StringBuilder();
    for (Node block = first; block != null && block != until; block = block.getNext()) {
      String words = EXPLICIT_ID.matcher(of(block).strip()).replaceAll("").strip();
      if (!words.isBlank()) {
        plain.append(words.strip()).append("\n\n");
      }
    }
    return plain.toString().strip();
  }

  private static final Pattern KEPT_FILE_NAME =
      Pattern.compile("/files/[0-9a-f]{64}/([A-Za-z0-9._-]{1,200})");

  /**
   * An image's alt text, and for a kept screenshot the words of its file name too when the alt text
   * does not say them ("releve-bancaire.png" is found by "relevé bancaire").
   */
  private static String imageWords(Image image) {
    String alt = image.getText().unescape();
    Matcher name = KEPT_FILE_NAME.matcher(image.getUrl());
    if (!name.find()) {
      return alt;
    }
    String words = name.group(1).replaceFirst("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[-_.]+", " ");
    boolean told = Slugs.fold(alt).contains(Slugs.fold(words)) || words.matches("image|file");
    return told ? alt : (alt + " " + words).strip();
  }

  private static void collect(Node node, StringBuilder out) {
    switch (node) {
      case Text text -> out.append(text.getChars().unescape());
      case HtmlEntity entity -> out.append(entity.getChars().unescape());
      case Code code -> out.append(code.getText().unescape());
      case FencedCodeBlock code -> out.append(code.getContentChars()).append('\n');
      case IndentedCodeBlock code -> out.append(code.getContentChars()).append('\n');
      case AutoLink link -> out.append(link.getText());
      case MailLink link -> out.append(link.getText());
      case Image image -> out.append(imageWords(image));
      case SoftLineBreak ignored -> out.append(' ');
      case HardLineBreak ignored -> out.append('\n');
      // The "---|---" line under a table's head is syntax: in a snippet it showed as dashes.
      case TableSeparator ignored -> {}
      case HtmlInlineBase ignored -> {}
      case HtmlBlockBase ignored -> {}
      default -> {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
          collect(child, out);
        }
        if (node instanceof TableCell) {
          out.append(' ');
        } else if (node instanceof Block) {
          out.append('\n');
        }
      }
    }
  }
}
