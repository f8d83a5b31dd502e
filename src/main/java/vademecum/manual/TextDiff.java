package vademecum.manual;

import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A line diff of two texts with the changed words marked inside changed lines. Segments carry plain
 * text; templates escape it, so a diff of hostile Markdown stays inert.
 */
public final class TextDiff {
  private static final char START = '\u0001';
  private static final char END = '\u0002';
  private static final int CONTEXT = 3;

  public enum Kind {
    SAME,
    REMOVED,
    ADDED,
    SKIPPED
  }

  public record Segment(String text, boolean changed) {}

  /** One displayed line; {@code number} is its line in the old text (removed, same) or new text. */
  public record Line(Kind kind, int number, List<Segment> segments) {}

  public record Result(List<Line> lines, int added, int removed) {
    public boolean identical() {
      return added == 0 && removed == 0;
    }
  }

  /**
   * Changed words are marked only where the largest changed block holds at most this many
   * characters (old and new together). The words of a block are diffed as one sequence, in time
   * growing with its length times its changes: a rewrite of 4,000 lines took minutes of a core, for
   * the diff page and for the inbox of each assistant with that procedure to read again.
   */
  static final int MAX_WORD_DIFF = 10_000;

  private final DiffRowGenerator byWord = generator(true);

  private final DiffRowGenerator byLine = generator(false);

  private static DiffRowGenerator generator(boolean words) {
    return DiffRowGenerator.create()
        .showInlineDiffs(words)
        .inlineDiffByWord(words)
        .mergeOriginalRevised(false)
        .lineNormalizer(Function.identity())
        .oldTag(start -> String.valueOf(start ? START : END))
        .newTag(start -> String.valueOf(start ? START : END))
        .build();
  }

  public Result diff(String oldText, String newText) {
    List<String> oldLines = lines(oldText);
    Patch<String> patch = LineDiff.of(oldLines, lines(newText));
    DiffRowGenerator generator = largestChange(patch) <= MAX_WORD_DIFF ? byWord : byLine;
    List<DiffRow> rows = generator.generateDiffRows(oldLines, patch);
    List<Line> all = new ArrayList<>();
    int oldNumber = 0;
    int newNumber = 0;
    int added = 0;
    int removed = 0;
    for (DiffRow row : rows) {
      switch (row.getTag()) {
        case EQUAL -> {
          oldNumber++;
          newNumber++;
          all.add(new Line(Kind.SAME, newNumber, segments(row.getNewLine())));
        }
        case DELETE -> {
          oldNumber++;
          removed++;
          all.add(new Line(Kind.REMOVED, oldNumber, whole(row.getOldLine())));
        }
        case INSERT -> {
          newNumber++;
          added++;
          all.add(new Line(Kind.ADDED, newNumber, whole(row.getNewLine())));
        }
        case CHANGE -> {
          if (!row.getOldLine().isEmpty() || row.getNewLine().isEmpty()) {
            oldNumber++;
            removed++;
            all.add(new Line(Kind.REMOVED, oldNumber, segments(row.getOldLine())));
          }
          if (!row.getNewLine().isEmpty()) {
            newNumber++;
            added++;
            all.add(new Line(Kind.ADDED, newNumber, segments(row.getNewLine())));
          }
        }
      }
    }
    return new Result(withContext(all), added, removed);
  }

  /**
   * Long runs of unchanged lines fold into one "skipped" line, keeping a few around each change.
   */
  private static List<Line> withContext(List<Line> all) {
    boolean[] keep = new boolean[all.size()];
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).kind() != Kind.SAME) {
        for (int j = Math.max(0, i - CONTEXT); j <= Math.min(all.size() - 1, i + CONTEXT); j++) {
          keep[j] = true;
        }
      }
    }
    List<Line> shown = new ArrayList<>();
    int skipped = 0;
    for (int i = 0; i < all.size(); i++) {
      if (keep[i]) {
        if (skipped > 0) {
          shown.add(new Line(Kind.SKIPPED, skipped, List.of()));
          skipped = 0;
        }
        shown.add(all.get(i));
      } else {
        skipped++;
      }
    }
    if (skipped > 0) {
      shown.add(new Line(Kind.SKIPPED, skipped, List.of()));
    }
    return shown;
  }

  /** The characters of the largest changed block, old and new lines together. */
  private static int largestChange(Patch<String> patch) {
    int largest = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      int size = 0;
      for (String line : delta.getSource().getLines()) {
        size += line.length() + 1;
      }
      for (String line : delta.getTarget().getLines()) {
        size += line.length() + 1;
      }
      largest = Math.max(largest, size);
    }
    return largest;
  }

  private static List<String> lines(String text) {
    return List.of(text.replace("\r\n", "\n").split("\n", -1));
  }

  /** A wholly added or removed line: the line colour says it all, no word is singled out. */
  private static List<Segment> whole(String marked) {
    String plain = marked.replace(String.valueOf(START), "").replace(String.valueOf(END), "");
    return plain.isEmpty() ? List.of() : List.of(new Segment(plain, false));
  }

  private static List<Segment> segments(String marked) {
    List<Segment> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean changed = false;
    for (char c : marked.toCharArray()) {
      if (c == START || c == END) {
        if (!current.isEmpty()) {
          segments.add(new Segment(current.toString(), changed));
          current.setLength(0);
        }
        changed = c == START;
      } else {
        current.append(c);
      }
    }
    if (!current.isEmpty()) {
      segments.add(new Segment(current.toString(), changed));
    }
    return segments;
  }
}
