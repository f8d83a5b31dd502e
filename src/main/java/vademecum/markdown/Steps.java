package vademecum.markdown;

import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListItem;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The steps of a procedure, as a checklist run lists them: the items of its numbered lists and its
 * task-list items ({@code - [ ] …}), in order, each as the Markdown of its first paragraph. Items
 * nested in a step are part of that step (its details), not steps of their own.
 */
public final class Steps {
  private Steps() {}

  /** The longest step text kept; a step longer than this is cut (it is a paragraph, not a step). */
  static final int MAX_LENGTH = 2000;

  private static final Pattern STEP_LINE =
      Pattern.compile("(?m)^ {0,3}(?:\\d{1,9}[.)]|[-*+] \\[[ xX]\\])[ \t]+\\S");

  /**
   * Whether the text has a line that starts a step, without parsing it (for every procedure of a
   * manual page); a line inside a code block counts too, so {@link #of} decides.
   */
  public static boolean likely(String procedureMarkdown) {
    return STEP_LINE.matcher(procedureMarkdown).find();
  }

  public static List<String> of(MarkdownRenderer markdown, String procedureMarkdown) {
    List<String> steps = new ArrayList<>();
    collect(markdown.parser().parse(procedureMarkdown), steps);
    return steps;
  }

  private static void collect(Node node, List<String> steps) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof ListItem item
          && (item instanceof OrderedListItem || item instanceof TaskListItem)) {
        String text = firstParagraph(item);
        if (!text.isBlank()) {
          steps.add(text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text);
        }
        continue; // what is nested in a step belongs to it
      }
      collect(child, steps);
    }
  }

  private static String firstParagraph(ListItem item) {
    for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Paragraph paragraph) {
        return paragraph.getChars().toString().strip();
      }
    }
    return "";
  }
}
