package vademecum.markdown;

import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.autolink.internal.AutolinkNodePostProcessor;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;

/**
 * Cuts a text with many backslash escapes into several text nodes of at most {@link #MAX_ESCAPES}
 * escapes each, before the autolink extension reads them. That extension unescapes each text node
 * through flexmark's segment builder, whose time grows with the square of the escapes in one node
 * (a text of {@code \*} repeated). Adjacent text nodes render as one text, and a cut falls just
 * before a backslash, which no web address contains, so links are found as before.
 */
final class ShortEscapeRuns implements Parser.ParserExtension {
  static final int MAX_ESCAPES = 16;

  @Override
  public void parserOptions(MutableDataHolder options) {}

  @Override
  public void extend(Parser.Builder builder) {
    builder.postProcessorFactory(new Factory());
  }

  private static final class Factory extends NodePostProcessorFactory {
    Factory() {
      super(false);
      addNodes(Text.class);
    }

    @Override
    public Set<Class<?>> getBeforeDependents() {
      return Set.of(AutolinkNodePostProcessor.Factory.class);
    }

    @Override
    public NodePostProcessor apply(Document document) {
      return new Cutter();
    }
  }

  private static final class Cutter extends NodePostProcessor {
    @Override
    public void process(NodeTracker state, Node node) {
      BasedSequence chars = node.getChars();
      int escapes = 0;
      int pieceStart = 0;
      for (int i = 0; i < chars.length(); i++) {
        if (chars.charAt(i) != '\\') {
          continue;
        }
        if (++escapes > MAX_ESCAPES && i > pieceStart) {
          Text piece = new Text(chars.subSequence(pieceStart, i));
          node.insertBefore(piece);
          state.nodeAdded(piece);
          pieceStart = i;
          escapes = 1;
        }
        i++; // the escaped character
      }
      if (pieceStart > 0) {
        node.setChars(chars.subSequence(pieceStart));
      }
    }
  }
}
