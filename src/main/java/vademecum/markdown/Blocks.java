package vademecum.markdown;

import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into the blocks a reader sees, as Markdown source: paragraphs, headings, tables,
 * quotes, code, and each item of a top-level list on its own (its marker kept, so a numbered item
 * still renders with its number). The rendered comparison of two revisions diffs these.
 */
final class Blocks {
  private Blocks() {}

  static List<String> of(Node document) {
    List<String> blocks = new ArrayList<>();
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof ListBlock list) {
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
          add(blocks, item);
        }
      } else {
        add(blocks, block);
      }
    }
    return blocks;
  }

  private static void add(List<String> blocks, Node node) {
    String source = node.getChars().toString().strip();
    if (!source.isEmpty()) {
      blocks.add(source);
    }
  }
}
