package vademecum.manual;

import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import vademecum.markdown.MarkdownRenderer;

/**
 * What changed between two texts as a reader sees them: the new text rendered, with the blocks
 * (paragraphs, list items, headings, tables…) that were removed or added marked, beside the source
 * diff ({@link TextDiff}). Each block is rendered and sanitised like a page, so hostile Markdown
 * stays as inert here as there. Long runs of unchanged blocks are folded, kept for who opens them.
 */
public final class RenderedDiff {
  /** Unchanged blocks kept visible on each side of a change. */
  private static final int CONTEXT = 2;

  public enum Kind {
    SAME,
    REMOVED,
    ADDED,
    /** Unchanged blocks folded together; {@code count} says how many. */
    FOLDED
  }

  public record Block(Kind kind, String html, int count) {}

  public record Result(List<Block> blocks) {
    public boolean identical() {
      return blocks.stream().allMatch(b -> b.kind() == Kind.SAME || b.kind() == Kind.FOLDED);
    }
  }

  private final MarkdownRenderer markdown;

  public RenderedDiff(MarkdownRenderer markdown) {
    this.markdown = markdown;
  }

  public Result diff(String oldText, String newText) {
    List<String> before = markdown.blocks(oldText);
    List<String> after = markdown.blocks(newText);
    Patch<String> patch = LineDiff.of(before, after);
    List<Block> blocks = new ArrayList<>();
    List<String> same = new ArrayList<>();
    int at = 0; // position in `before`
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      for (; at < delta.getSource().getPosition(); at++) {
        same.add(before.get(at));
      }
      fold(blocks, same, !blocks.isEmpty(), true);
      same.clear();
      for (String removed : delta.getSource().getLines()) {
        blocks.add(new Block(Kind.REMOVED, markdown.render(removed), 1));
      }
      for (String added : delta.getTarget().getLines()) {
        blocks.add(new Block(Kind.ADDED, markdown.render(added), 1));
      }
      at = delta.getSource().getPosition() + delta.getSource().size();
    }
    for (; at < before.size(); at++) {
      same.add(before.get(at));
    }
    fold(blocks, same, !blocks.isEmpty(), false);
    return new Result(blocks);
  }

  /**
   * Adds a run of unchanged blocks: those next to a change stay visible, the others are folded into
   * one block.
   */
  private void fold(
      List<Block> blocks, List<String> run, boolean afterChange, boolean beforeChange) {
    int head = afterChange ? Math.min(CONTEXT, run.size()) : 0;
    int tail = beforeChange ? Math.min(CONTEXT, run.size() - head) : 0;
    if (!afterChange && !beforeChange) {
      head = run.size(); // nothing changed at all: the text as it reads
    }
    for (int i = 0; i < head; i++) {
      blocks.add(new Block(Kind.SAME, markdown.render(run.get(i)), 1));
    }
    int folded = run.size() - head - tail;
    if (folded > 0) {
      StringBuilder html = new StringBuilder();
      for (int i = head; i < head + folded; i++) {
        html.append(markdown.render(run.get(i)));
      }
      blocks.add(new Block(Kind.FOLDED, html.toString(), folded));
    }
    for (int i = run.size() - tail; i < run.size(); i++) {
      blocks.add(new Block(Kind.SAME, markdown.render(run.get(i)), 1));
    }
  }
}
