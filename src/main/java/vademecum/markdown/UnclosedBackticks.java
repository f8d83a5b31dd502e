package vademecum.markdown;

import com.vladsch.flexmark.parser.InlineParser;
import com.vladsch.flexmark.parser.InlineParserExtension;
import com.vladsch.flexmark.parser.InlineParserExtensionFactory;
import com.vladsch.flexmark.parser.LightInlineParser;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A run of backticks that no later run of the same length closes is plain text, found in constant
 * time. flexmark 0.64 looks for the closing run by reading the rest of the paragraph for every
 * opening run, so a paragraph of openings that never close ({@code \``} repeated: each escaped
 * backtick leaves one open) takes time in the square of its length. As cmark does, the paragraph's
 * runs are read once, remembering where the last run of each length starts; an opening with no run
 * of its length after it is text, and any other is left to flexmark, which then reads only up to
 * its closing run.
 */
final class UnclosedBackticks implements Parser.ParserExtension {
  @Override
  public void parserOptions(MutableDataHolder options) {}

  @Override
  public void extend(Parser.Builder builder) {
    builder.customInlineParserExtensionFactory(new Factory());
  }

  private static final class Factory implements InlineParserExtensionFactory {
    @Override
    public CharSequence getCharacters() {
      return "`";
    }

    @Override
    public InlineParserExtension apply(LightInlineParser parser) {
      return new Runs();
    }

    @Override
    public Set<Class<?>> getAfterDependents() {
      return null;
    }

    @Override
    public Set<Class<?>> getBeforeDependents() {
      return null;
    }

    @Override
    public boolean affectsGlobalScope() {
      return false;
    }
  }

  private static final class Runs implements InlineParserExtension {
    /** The input whose runs are in {@link #lastStart}: the parser reads one block at a time. */
    private BasedSequence scanned;

    /** Run length → where the last run of that length starts. */
    private final Map<Integer, Integer> lastStart = new HashMap<>();

    @Override
    public void finalizeDocument(InlineParser parser) {}

    @Override
    public void finalizeBlock(InlineParser parser) {
      scanned = null;
    }

    @Override
    public boolean parse(LightInlineParser parser) {
      BasedSequence input = parser.getInput();
      if (input != scanned) {
        scan(input);
      }
      int start = parser.getIndex();
      int end = start;
      while (end < input.length() && input.charAt(end) == '`') {
        end++;
      }
      // After an escaped backtick this is the rest of a run; the runs recorded are whole ones, so
      // one of this length starting later than here starts after this one ends.
      Integer last = lastStart.get(end - start);
      if (last != null && last > start) {
        return false; // flexmark finds the closing run
      }
      parser.appendText(input.subSequence(start, end));
      parser.setIndex(end);
      return true;
    }

    private void scan(BasedSequence input) {
      lastStart.clear();
      int i = 0;
      while (i < input.length()) {
        if (input.charAt(i) != '`') {
          i++;
          continue;
        }
        int start = i;
        while (i < input.length() && input.charAt(i) == '`') {
          i++;
        }
        lastStart.put(i - start, start);
      }
      scanned = input;
    }
  }
}
