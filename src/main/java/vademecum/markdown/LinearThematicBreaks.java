package vademecum.markdown;

import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.AbstractBlockParser;
import com.vladsch.flexmark.parser.block.AbstractBlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockContinue;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.MatchedBlockParser;
import com.vladsch.flexmark.parser.block.ParserState;
import com.vladsch.flexmark.parser.core.BlockQuoteParser;
import com.vladsch.flexmark.parser.core.FencedCodeBlockParser;
import com.vladsch.flexmark.parser.core.HtmlBlockParser;
import com.vladsch.flexmark.parser.core.IndentedCodeBlockParser;
import com.vladsch.flexmark.parser.core.ListBlockParser;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;

/**
 * Thematic breaks ({@code ---}, {@code * * *}, {@code ___}) read by one loop over the line.
 * flexmark 0.64 matches them with a regular expression whose repeated group makes Java's matcher
 * recurse once per character, so a line of a few thousand {@code *} overflowed the stack. The stock
 * parser is switched off with {@link Parser#THEMATIC_BREAK_PARSER}; {@code LinearPartsTest} checks
 * that both give the same HTML.
 */
final class LinearThematicBreaks implements Parser.ParserExtension {
  @Override
  public void parserOptions(MutableDataHolder options) {
    options.set(Parser.THEMATIC_BREAK_PARSER, false);
  }

  @Override
  public void extend(Parser.Builder builder) {
    builder.customBlockParserFactory(new Factory());
  }

  /** Same place among the block parsers as flexmark's thematic break factory. */
  private static final class Factory implements CustomBlockParserFactory {
    @Override
    public Set<Class<?>> getAfterDependents() {
      return Set.of(
          BlockQuoteParser.Factory.class,
          LinearHeadings.Factory.class,
          FencedCodeBlockParser.Factory.class,
          HtmlBlockParser.Factory.class);
    }

    @Override
    public Set<Class<?>> getBeforeDependents() {
      return Set.of(ListBlockParser.Factory.class, IndentedCodeBlockParser.Factory.class);
    }

    @Override
    public boolean affectsGlobalScope() {
      return false;
    }

    @Override
    public BlockParserFactory apply(DataHolder options) {
      return new Starts(options);
    }
  }

  private static final class Starts extends AbstractBlockParserFactory {
    private final boolean relaxedStart;

    Starts(DataHolder options) {
      super(options);
      relaxedStart = Parser.THEMATIC_BREAK_RELAXED_START.get(options);
    }

    @Override
    public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
      if (state.getIndent() >= 4
          || (matched.getBlockParser().isParagraphParser() && !relaxedStart)) {
        return BlockStart.none();
      }
      BasedSequence line = state.getLine();
      if (!LinearThematicBreaks.isBreak(
          line.subSequence(state.getNextNonSpaceIndex(), line.length()))) {
        return BlockStart.none();
      }
      return BlockStart.of(new Parsed(line.subSequence(state.getIndex()))).atIndex(line.length());
    }
  }

  /** Three or more of one of {@code * - _}, with only spaces and tabs between and after. */
  static boolean isBreak(CharSequence rest) {
    if (rest.isEmpty()) {
      return false;
    }
    char marker = rest.charAt(0);
    if (marker != '*' && marker != '-' && marker != '_') {
      return false;
    }
    int markers = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == marker) {
        markers++;
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return markers >= 3;
  }

  private static final class Parsed extends AbstractBlockParser {
    private final ThematicBreak block = new ThematicBreak();

    Parsed(BasedSequence line) {
      block.setChars(line);
    }

    @Override
    public Block getBlock() {
      return block;
    }

    @Override
    public void closeBlock(ParserState state) {
      block.setCharsFromContent();
    }

    @Override
    public BlockContinue tryContinue(ParserState state) {
      return BlockContinue.none();
    }
  }
}
