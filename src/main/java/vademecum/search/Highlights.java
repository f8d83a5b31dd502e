package vademecum.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Highlighted snippets of the hits, from the offsets the index keeps with each word of the plain
 * body: no text is analysed again. Each word to highlight is looked up once per search (not once
 * per hit, as Lucene's highlighter does), then found in each hit's postings. The passage shown is
 * the line of text with the most matched words, earlier lines first, lengthened with the lines
 * after it to about {@link #PASSAGE} characters, then cut around its first match.
 */
final class Highlights {
  /** A heading alone says little: a passage takes the following lines up to this length. */
  static final int PASSAGE = 160;

  private Highlights() {}

  /**
   * One snippet per hit, in the order of {@code docs} (ids in {@code reader}); {@code bodies} are
   * the hits' stored plain text, {@code words} the plain terms to mark.
   */
  static String[] of(
      IndexReader reader, int[] docs, String[] bodies, Collection<String> words, int length)
      throws IOException {
    BytesRef[] terms = words.stream().map(BytesRef::new).toArray(BytesRef[]::new);
    Map<Integer, Located> leaves = new HashMap<>();
    String[] snippets = new String[docs.length];
    for (int i = 0; i < docs.length; i++) {
      int leaf = ReaderUtil.subIndex(docs[i], reader.leaves());
      LeafReaderContext context = reader.leaves().get(leaf);
      Located located = leaves.get(leaf);
      if (located == null) {
        located = Located.in(context, terms);
        leaves.put(leaf, located);
      }
      String body = bodies[i] == null ? "" : bodies[i];
      List<int[]> matches = located.matches(docs[i] - context.docBase, body.length());
      snippets[i] = Snippets.around(passage(body, matches), length);
    }
    return snippets;
  }

  /** The words' entries in one segment's terms, looked up once. */
  private static final class Located {
    private final TermsEnum each;
    private final BytesRef[] terms;
    private final TermState[] states;
    private PostingsEnum postings;

    private Located(TermsEnum each, BytesRef[] terms, TermState[] states) {
      this.each = each;
      this.terms = terms;
      this.states = states;
    }

    static Located in(LeafReaderContext context, BytesRef[] terms) throws IOException {
      Terms field = context.reader().terms(SearchFields.BODY_PLAIN);
      TermState[] states = new TermState[terms.length];
      if (field == null) {
        return new Located(null, terms, states);
      }
      TermsEnum each = field.iterator();
      for (int t = 0; t < terms.length; t++) {
        if (each.seekExact(terms[t])) {
          states[t] = each.termState();
        }
      }
      return new Located(each, terms, states);
    }

    /** Start and end offsets of the words in one document, in text order. */
    List<int[]> matches(int doc, int textLength) throws IOException {
      List<int[]> found = new ArrayList<>();
      for (int t = 0; t < terms.length; t++) {
        if (states[t] == null) {
          continue;
        }
        each.seekExact(terms[t], states[t]);
        postings = each.postings(postings, PostingsEnum.OFFSETS);
        if (postings.advance(doc) != doc) {
          continue;
        }
        for (int n = postings.freq(); n > 0; n--) {
          postings.nextPosition();
          int start = postings.startOffset();
          int end = postings.endOffset();
          if (start >= 0 && end <= textLength && start < end) {
            found.add(new int[] {start, end});
          }
        }
      }
      found.sort((a, b) -> Integer.compare(a[0], b[0]));
      return found;
    }
  }

  /** The best line (most matches, earlier first), lengthened, as escaped HTML with marks. */
  static String passage(String text, List<int[]> matches) {
    int bestStart = 0;
    int bestEnd = lineEnd(text, 0);
    float bestScore = -1;
    for (int i = 0; i < matches.size(); ) {
      int start = lineStart(text, matches.get(i)[0]);
      int end = lineEnd(text, matches.get(i)[0]);
      int count = 0;
      while (i < matches.size() && matches.get(i)[0] < end) {
        count++;
        i++;
      }
      float score = count + 1f / (1 + start / 500f);
      if (score > bestScore) {
        bestScore = score;
        bestStart = start;
        bestEnd = end;
      }
    }
    while (bestEnd - bestStart < PASSAGE && bestEnd < text.length()) {
      bestEnd = lineEnd(text, bestEnd + 1);
    }
    StringBuilder html = new StringBuilder(bestEnd - bestStart + 64);
    int at = bestStart;
    for (int[] match : matches) {
      if (match[0] < at || match[1] > bestEnd) {
        continue;
      }
      escape(text, at, match[0], html);
      html.append("<mark>");
      escape(text, match[0], match[1], html);
      html.append("</mark>");
      at = match[1];
    }
    escape(text, at, bestEnd, html);
    return html.toString();
  }

  private static int lineStart(String text, int offset) {
    return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  }

  private static int lineEnd(String text, int offset) {
    int end = text.indexOf('\n', offset);
    return end < 0 ? text.length() : end;
  }

  private static void escape(String text, int from, int to, StringBuilder html) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> html.append("&amp;");
        case '<' -> html.append("&lt;");
        case '>' -> html.append("&gt;");
        case '"' -> html.append("&quot;");
        case '\'' -> html.append("&#x27;");
        case '\n' -> html.append(' ');
        default -> html.append(c);
      }
    }
  }
}
