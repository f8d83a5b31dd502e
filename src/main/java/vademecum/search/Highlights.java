package vademecum.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * Highlighted snippets of the hits, from the offsets the index keeps with each word of the plain
 * body: no text is analysed again. Each word to highlight is looked up once per search (not once
 * per hit, as Lucene's highlighter does), and its postings read forward once for all the hits. The
 * passage shown is the line of text with the most matched words, earlier lines first, lengthened
 * with the lines after it to about {@link #PASSAGE} characters, then cut around its first match.
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
    List<List<int[]>> matches = new ArrayList<>();
    for (int i = 0; i < docs.length; i++) {
      matches.add(new ArrayList<>());
    }
    // The hits in index order: each word's postings are then read forward once for all of them.
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> docs[i]));
    List<LeafReaderContext> leaves = reader.leaves();
    for (int from = 0; from < order.length; ) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[order[from]], leaves));
      int to = from;
      while (to < order.length && docs[order[to]] < leaf.docBase + leaf.reader().maxDoc()) {
        to++;
      }
      locate(leaf, terms, Arrays.copyOfRange(order, from, to), docs, bodies, matches);
      from = to;
    }
    String[] snippets = new String[docs.length];
    for (int i = 0; i < docs.length; i++) {
      String body = bodies[i] == null ? "" : bodies[i];
      List<int[]> found = matches.get(i);
      found.sort((a, b) -> Integer.compare(a[0], b[0]));
      snippets[i] = snippet(body, found, length);
    }
    return snippets;
  }

  /**
   * Adds the start and end offsets of the words in each hit of one segment ({@code hits}: indexes
   * into {@code docs}, in index order) to the hit's {@code matches}.
   */
  private static void locate(
      LeafReaderContext leaf,
      BytesRef[] terms,
      Integer[] hits,
      int[] docs,
      String[] bodies,
      List<List<int[]>> matches)
      throws IOException {
    Terms field = leaf.reader().terms(SearchFields.BODY_PLAIN);
    if (field == null) {
      return;
    }
    TermsEnum each = field.iterator();
    PostingsEnum postings = null;
    for (BytesRef term : terms) {
      if (!each.seekExact(term)) {
        continue;
      }
      postings = each.postings(postings, PostingsEnum.OFFSETS);
      for (int hit : hits) {
        int doc = docs[hit] - leaf.docBase;
        if (postings.docID() < doc) {
          postings.advance(doc);
        }
        if (postings.docID() != doc) {
          continue;
        }
        int textLength = bodies[hit] == null ? 0 : bodies[hit].length();
        for (int n = postings.freq(); n > 0; n--) {
          postings.nextPosition();
          int start = postings.startOffset();
          int end = postings.endOffset();
          if (start >= 0 && end <= textLength && start < end) {
            matches.get(hit).add(new int[] {start, end});
          }
        }
      }
    }
  }

  /** The best line (most matches, earlier first), lengthened, as escaped HTML with marks. */
  static String passage(String text, List<int[]> matches) {
    int[] line = bestLine(text, matches);
    return html(text, matches, line[0], line[1]);
  }

  /**
   * The passage cut to about {@code length} characters around its first match. Only the part of the
   * passage that the cut can keep is escaped, marked and measured: a line may be a whole paragraph
   * of thousands of characters, for a snippet of 220.
   */
  static String snippet(String text, List<int[]> matches, int length) {
    int[] line = bestLine(text, matches);
    int first = line[0];
    for (int[] match : matches) {
      if (match[0] >= line[0] && match[1] <= line[1]) {
        first = match[0];
        break;
      }
    }
    // The cut starts a third of the length before the first match and keeps the length after
    // it (entities and marks only make the escaped text longer): these margins keep all of it,
    // and what lies beyond them still shows as "…".
    int from = Math.max(line[0], first - length);
    int to = Math.min(line[1], first + 2 * length);
    return Snippets.around(html(text, matches, from, to), length);
  }

  /** Start and end of the line with the most matches (earlier first), lengthened. */
  private static int[] bestLine(String text, List<int[]> matches) {
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
    return new int[] {bestStart, bestEnd};
  }

  /** The text from {@code start} to {@code end}, escaped, with the matches inside it marked. */
  private static String html(String text, List<int[]> matches, int start, int end) {
    StringBuilder html = new StringBuilder(end - start + 64);
    int at = start;
    for (int[] match : matches) {
      if (match[0] < at || match[1] > end) {
        continue;
      }
      escape(text, at, match[0], html);
      html.append("<mark>");
      escape(text, match[0], match[1], html);
      html.append("</mark>");
      at = match[1];
    }
    escape(text, at, end, html);
    return html.toString();
  }

  private static int lineStart(String text, int offset) {
    return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  }

  private static int lineEnd(String text, int offset) {
    int end = text.indexOf('\n', offset);
    return end < 0 ? text.length() : end;
  }

  /** Runs of ordinary characters are copied at once; the few special ones are replaced. */
  private static void escape(String text, int from, int to, StringBuilder html) {
    int run = from;
    for (int i = from; i < to; i++) {
      String replacement =
          switch (text.charAt(i)) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#x27;";
            case '\n' -> " ";
            default -> null;
          };
      if (replacement != null) {
        html.append(text, run, i).append(replacement);
        run = i + 1;
      }
    }
    html.append(text, run, to);
  }
}
