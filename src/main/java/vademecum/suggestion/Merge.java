package vademecum.suggestion;

import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import vademecum.manual.LineDiff;

/**
 * A three-way merge by lines, as {@code diff3} does it: what changed from {@code base} to {@code
 * current} and from {@code base} to {@code proposed} are both applied when they touch different
 * lines of {@code base}. Two changes that overlap, or that touch adjacent lines (one could not be
 * read without the other), are a conflict, and then nothing is merged: a suggestion is never
 * applied halfway or over somebody else's change.
 */
public final class Merge {
  private Merge() {}

  /** The merged text, or empty when the two sets of changes overlap. */
  public static Optional<String> of(String base, String current, String proposed) {
    if (current.equals(base)) {
      return Optional.of(proposed);
    }
    if (proposed.equals(base) || proposed.equals(current)) {
      return Optional.of(current);
    }
    List<String> baseLines = lines(base);
    List<Change> changes = new ArrayList<>();
    changes.addAll(changes(baseLines, lines(current), 0));
    changes.addAll(changes(baseLines, lines(proposed), 1));
    changes.sort(Comparator.comparingInt(Change::start).thenComparingInt(Change::end));
    List<Change> applied = new ArrayList<>();
    for (Change change : changes) {
      boolean duplicate = false;
      for (Change other : applied) {
        if (other.side() != change.side() && other.touches(change)) {
          if (!other.sameAs(change)) {
            return Optional.empty();
          }
          duplicate = true; // both sides made the same change: applied once
        }
      }
      if (!duplicate) {
        applied.add(change);
      }
    }
    // What is left is disjoint and in order of position.
    List<String> out = new ArrayList<>();
    int position = 0;
    for (Change change : applied) {
      out.addAll(baseLines.subList(position, change.start()));
      out.addAll(change.lines());
      position = change.end();
    }
    out.addAll(baseLines.subList(position, baseLines.size()));
    return Optional.of(String.join("\n", out));
  }

  /** Lines [start, end) of the base replaced by {@code lines}, by one side (0: current). */
  private record Change(int start, int end, List<String> lines, int side) {
    /**
     * Overlapping or adjacent: an insertion at a line another change replaces or borders counts
     * too.
     */
    boolean touches(Change other) {
      return start <= other.end && other.start <= end;
    }

    boolean sameAs(Change other) {
      return start == other.start && end == other.end && lines.equals(other.lines);
    }
  }

  private static List<Change> changes(List<String> base, List<String> changed, int side) {
    List<Change> changes = new ArrayList<>();
    for (AbstractDelta<String> delta : LineDiff.of(base, changed).getDeltas()) {
      int start = delta.getSource().getPosition();
      changes.add(
          new Change(
              start,
              start + delta.getSource().size(),
              List.copyOf(delta.getTarget().getLines()),
              side));
    }
    return changes;
  }

  private static List<String> lines(String text) {
    return List.of(text.replace("\r\n", "\n").split("\n", -1));
  }
}
