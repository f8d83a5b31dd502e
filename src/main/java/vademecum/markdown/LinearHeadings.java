package vademecum.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.AbstractBlockParser;
import com.vladsch.flexmark.parser.block.AbstractBlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockContinue;
import com.vladsch.flexmark.parser.block.BlockParser;
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
import com.vladsch.flexmark.parser.core.ThematicBreakParser;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ATX ({@code ## Title}) and setext ({@code Title} over {@code ---}) headings, parsed as flexmark
 * 0.64's own heading parser does, but in time linear in the text. flexmark's factory builds the
 * whole current paragraph's content for every line it looks at, before it knows whether the line is
 * a heading at all, so a long paragraph, table or run of reference definitions took time in the
 * square of its length (a long table). Here the paragraph is read only when the line is a setext
 * underline, which ends the paragraph. The stock parser is switched off with {@link
 * Parser#HEADING_PARSER}; {@code LinearHeadingsTest} checks that both give the same HTML.
 */
final class LinearHeadings implements Parser.ParserExtension {
  @Override
  public void parserOptions(MutableDataHolder options) {
    options.set(Parser.HEADING_PARSER, false);
  }

  @Override
  public void extend(Parser.Builder builder) {
    builder.customBlockParserFactory(new Factory());
  }

  /** Same place among the block parsers as flexmark's heading factory. */
  static final class Factory implements CustomBlockParserFactory {
    @Override
    public Set<Class<?>> getAfterDependents() {
      return Set.of(BlockQuoteParser.Factory.class);
    }

    @Override
    public Set<Class<?>> getBeforeDependents() {
      return Set.of(
          FencedCodeBlockParser.Factory.class,
          HtmlBlockParser.Factory.class,
          ThematicBreakParser.Factory.class,
          ListBlockParser.Factory.class,
          IndentedCodeBlockParser.Factory.class);
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
    private final boolean noLeadSpace;
    private final boolean canInterruptItemParagraph;
    private final Pattern atxOpening;
    private final boolean closingNeedsSpace;
    private final Pattern setextUnderline;

    Starts(DataHolder options) {
      super(options);
      noLeadSpace = Parser.HEADING_NO_LEAD_SPACE.get(options);
      canInterruptItemParagraph = Parser.HEADING_CAN_INTERRUPT_ITEM_PARAGRAPH.get(options);
      boolean noAtxSpace = Parser.HEADING_NO_ATX_SPACE.get(options);
      // The same patterns as flexmark's, chosen by the same options.
      if (noAtxSpace) {
        atxOpening = Pattern.compile("^#{1,6}(?:[ \\t]*|$)");
        closingNeedsSpace = false;
      } else {
        atxOpening =
            Parser.HEADING_NO_EMPTY_HEADING_WITHOUT_SPACE.get(options)
                ? Pattern.compile("^#{1,6}(?:[ \\t]*(?=[^ \\t#])|[ \\t]+$)")
                : Pattern.compile("^#{1,6}(?:[ \\t]+|$)");
        closingNeedsSpace = true;
      }
      int minimum = Parser.HEADING_SETEXT_MARKER_LENGTH.get(options);
      setextUnderline =
          minimum <= 1
              ? Pattern.compile("^(?:=+|-+)[ \\t]*$")
              : Pattern.compile("^(?:={" + minimum + ",}|-{" + minimum + ",})[ \\t]*$");
    }

    @Override
    public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
      if (state.getIndent() >= 4 || (noLeadSpace && state.getIndent() >= 1)) {
        return BlockStart.none();
      }
      if (state.getActiveBlockParser() instanceof FencedCodeBlockParser) {
        return BlockStart.none();
      }
      if (!canInterruptItemParagraph && firstParagraphOfItem(matched.getBlockParser())) {
        return BlockStart.none();
      }
      BasedSequence line = state.getLine();
      BasedSequence rest = line.subSequence(state.getNextNonSpaceIndex(), line.length());
      Matcher atx = atxOpening.matcher(rest);
      if (atx.find()) {
        return atx(line, rest, atx);
      }
      if (setextUnderline.matcher(rest).find()) {
        // Only now is the paragraph read: this line ends it.
        BasedSequence paragraph = matched.getParagraphContent();
        if (paragraph == null) {
          return BlockStart.none();
        }
        Heading heading = new Heading();
        heading.setLevel(rest.charAt(0) == '=' ? 1 : 2);
        heading.setText(paragraph.trim());
        heading.setClosingMarker(line.trim());
        heading.setCharsFromContent();
        return BlockStart.of(new Parsed(heading)).atIndex(line.length()).replaceActiveBlockParser();
      }
      return BlockStart.none();
    }

    private BlockStart atx(BasedSequence line, BasedSequence rest, Matcher atx) {
      BasedSequence opening = rest.subSequence(atx.start(), atx.end()).trim();
      BasedSequence text = rest.subSequence(atx.end());
      BasedSequence closing = null;
      int closingStart = closingStart(text, closingNeedsSpace);
      if (closingStart >= 0) {
        closing = text.subSequence(closingStart).trim();
        text = text.subSequence(0, closingStart);
      }
      Heading heading = new Heading();
      heading.setLevel(opening.length());
      heading.setOpeningMarker(opening);
      heading.setText(text.trim());
      heading.setClosingMarker(closing);
      heading.setCharsFromContent();
      return BlockStart.of(new Parsed(heading)).atIndex(line.length());
    }

    /**
     * Where a heading's closing run of {@code #} starts, the spaces before it included, or -1: what
     * flexmark's {@code (^| |\\t)[ \\t]*#+[ \\t]*$} finds (without {@code needsSpace}, {@code [
     * \\t]*#+[ \\t]*$}), read from the end once. The expression was tried again from every space of
     * a long run: a heading of a million spaces took hours.
     */
    static int closingStart(CharSequence text, boolean needsSpace) {
      int end = text.length();
      if (end > 0 && text.charAt(end - 1) == '\n') {
        end--;
      }
      if (end > 0 && text.charAt(end - 1) == '\r') {
        end--;
      }
      while (end > 0 && spaceOrTab(text.charAt(end - 1))) {
        end--;
      }
      int hashes = end;
      while (hashes > 0 && text.charAt(hashes - 1) == '#') {
        hashes--;
      }
      if (hashes == end) {
        return -1;
      }
      int start = hashes;
      while (start > 0 && spaceOrTab(text.charAt(start - 1))) {
        start--;
      }
      return needsSpace && start == hashes && hashes > 0 ? -1 : start;
    }

    private static boolean spaceOrTab(char c) {
      return c == ' ' || c == '\t';
    }

    private static boolean firstParagraphOfItem(BlockParser parser) {
      Block block = parser.getBlock();
      return parser.isParagraphParser()
          && block.getParent() instanceof ListItem
          && block == block.getParent().getFirstChild();
    }
  }

  /** A heading is one line (or closes its paragraph): nothing continues it. */
  private static final class Parsed extends AbstractBlockParser {
    private final Heading heading;

    Parsed(Heading heading) {
      this.heading = heading;
    }

    @Override
    public Block getBlock() {
      return heading;
    }

    @Override
    public BlockContinue tryContinue(ParserState state) {
      return BlockContinue.none();
    }

    @Override
    public void parseInlines(InlineParser inlineParser) {
      inlineParser.parse(heading.getText(), heading);
    }

    @Override
    public void closeBlock(ParserState state) {}
  }
}
