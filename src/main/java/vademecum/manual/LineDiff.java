package vademecum.manual;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * The line diff of two texts, as a java-diff-utils patch for the pages that show it, in time about
 * the length of the texts whatever they hold. java-diff-utils' Myers diff takes time in the lines
 * times the lines changed: a suggestion rewriting a manual of 40,000 lines took 50 s of a core for
 * each of the three diffs its review page made.
 *
 * <p>Lines equal at both ends are set aside first. What is left is small: Myers, the shortest diff.
 * Large, with few lines on one side only or out of order (a few edits in a long manual, or a
 * section moved): JGit's histogram diff (git's {@code --histogram}), which matches the lines rare
 * on both sides first and, with no fallback, shows a region of lines repeated too often as replaced
 * whole rather than search it. Large with many lines on one side only or out of order (a rewrite,
 * lines shuffled): replaced whole, which is what it is, and a shortest diff of it would take
 * minutes.
 */
public final class LineDiff {
  /** Lines of both sides, squared, up to which Myers runs (its worst case: about 0.4 s). */
  static final long MYERS_BUDGET = 40_000_000L;

  /**
   * Lines of both sides times lines on one side only and lines out of order, up to which the
   * histogram diff runs (its worst case, many small edits far apart: about 0.7 s).
   */
  static final long HISTOGRAM_BUDGET = 200_000_000L;

  private LineDiff() {}

  public static Patch<String> of(List<String> before, List<String> after) {
    int start = 0;
    int endBefore = before.size();
    int endAfter = after.size();
    while (start < endBefore && start < endAfter && before.get(start).equals(after.get(start))) {
      start++;
    }
    while (endBefore > start
        && endAfter > start
        && before.get(endBefore - 1).equals(after.get(endAfter - 1))) {
      endBefore--;
      endAfter--;
    }
    List<String> a = before.subList(start, endBefore);
    List<String> b = after.subList(start, endAfter);
    long lines = a.size() + b.size();
    Patch<String> patch = new Patch<>();
    if (lines == 0) {
      return patch;
    }
    if (lines * lines <= MYERS_BUDGET) {
      for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
        patch.addDelta(shifted(delta, start, before, after));
      }
    } else if (lines * (onlyOnOneSide(a, b) + outOfOrder(a, b)) <= HISTOGRAM_BUDGET) {
      HistogramDiff histogram = new HistogramDiff();
      histogram.setFallbackAlgorithm(null);
      EditList edits;
      try {
        edits = histogram.diff(new Counted(), new Lines(a), new Lines(b));
      } catch (OverBudget e) {
        patch.addDelta(delta(before, after, start, endBefore, start, endAfter));
        return patch;
      }
      for (Edit edit : edits) {
        patch.addDelta(
            delta(
                before,
                after,
                start + edit.getBeginA(),
                start + edit.getEndA(),
                start + edit.getBeginB(),
                start + edit.getEndB()));
      }
    } else {
      patch.addDelta(delta(before, after, start, endBefore, start, endAfter));
    }
    return patch;
  }

  /** How many lines one side has that the other has not (by count: a line twice, once, is one). */
  private static long onlyOnOneSide(List<String> a, List<String> b) {
    Map<String, Integer> balance = new HashMap<>();
    a.forEach(line -> balance.merge(line, 1, Integer::sum));
    b.forEach(line -> balance.merge(line, -1, Integer::sum));
    return balance.values().stream().mapToLong(Math::abs).sum();
  }

  /**
   * How often the lines both sides have go backwards in the other's order (each line of {@code a}
   * taken with the same occurrence of it in {@code b}): lines moved or swapped, which cost the
   * histogram diff a pass over the text each, and which no line count shows. Two by two swapped,
   * 40,000 lines took it seconds.
   */
  private static long outOfOrder(List<String> a, List<String> b) {
    Map<String, ArrayDeque<Integer>> positions = new HashMap<>();
    for (int i = 0; i < b.size(); i++) {
      positions.computeIfAbsent(b.get(i), line -> new ArrayDeque<>()).add(i);
    }
    long backwards = 0;
    int previous = -1;
    for (String line : a) {
      ArrayDeque<Integer> at = positions.get(line);
      Integer position = at == null ? null : at.poll();
      if (position != null) {
        if (position < previous) {
          backwards++;
        }
        previous = position;
      }
    }
    return backwards;
  }

  private static AbstractDelta<String> shifted(
      AbstractDelta<String> delta, int by, List<String> before, List<String> after) {
    Chunk<String> source = delta.getSource();
    Chunk<String> target = delta.getTarget();
    return delta(
        before,
        after,
        by + source.getPosition(),
        by + source.getPosition() + source.size(),
        by + target.getPosition(),
        by + target.getPosition() + target.size());
  }

  private static AbstractDelta<String> delta(
      List<String> before, List<String> after, int fromA, int toA, int fromB, int toB) {
    Chunk<String> removed = new Chunk<>(fromA, before.subList(fromA, toA));
    Chunk<String> added = new Chunk<>(fromB, after.subList(fromB, toB));
    if (fromA == toA) {
      return new InsertDelta<>(removed, added);
    }
    if (fromB == toB) {
      return new DeleteDelta<>(removed, added);
    }
    return new ChangeDelta<>(removed, added);
  }

  /** Line comparisons one histogram diff may make (half a second of a core, measured). */
  static final long COMPARISONS = 50_000_000L;

  /**
   * Equal strings are equal lines, and the comparisons are counted: a text of blocks repeated many
   * times, nearly alike, made the histogram diff try each repeat against each and take seconds,
   * which no count of the lines foretold. Past {@link #COMPARISONS} the change shows as one
   * replacement.
   */
  private static final class Counted extends SequenceComparator<Lines> {
    private long left = COMPARISONS;

    @Override
    public boolean equals(Lines a, int ai, Lines b, int bi) {
      if (--left < 0) {
        throw new OverBudget();
      }
      return a.lines.get(ai).equals(b.lines.get(bi));
    }

    @Override
    public int hash(Lines sequence, int index) {
      return sequence.lines.get(index).hashCode();
    }
  }

  private static final class OverBudget extends RuntimeException {
    OverBudget() {
      super(null, null, false, false);
    }
  }

  /** A text's lines, as JGit reads them. */
  private static final class Lines extends Sequence {

    private final List<String> lines;

    Lines(List<String> lines) {
      this.lines = lines;
    }

    @Override
    public int size() {
      return lines.size();
    }
  }
}
