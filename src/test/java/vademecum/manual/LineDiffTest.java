package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every patch turns the old text into the new one, small or large, whichever way it is found. */
class LineDiffTest {

  private static List<String> numbered(String prefix, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(prefix + " " + i);
    }
    return lines;
  }

  private static Patch<String> applied(List<String> before, List<String> after)
      throws PatchFailedException {
    Patch<String> patch = LineDiff.of(before, after);
    assertEquals(after, patch.applyTo(before));
    return patch;
  }

  @Test
  void a_small_text_gets_the_shortest_diff() throws PatchFailedException {
    List<String> before = List.of("a", "b", "c", "d");
    Patch<String> patch = applied(before, List.of("a", "B", "c", "d", "e"));
    assertEquals(2, patch.getDeltas().size());
    assertEquals(1, patch.getDeltas().get(0).getSource().getPosition());
    assertEquals(0, applied(before, before).getDeltas().size());
    applied(List.of(), List.of("x"));
    applied(List.of("x"), List.of());
  }

  @Test
  void a_few_edits_far_apart_in_a_long_text_stay_two_small_changes() throws PatchFailedException {
    List<String> before = numbered("ligne", 40_000);
    List<String> after = new ArrayList<>(before);
    after.set(10, "modifiée");
    after.set(39_990, "modifiée aussi");
    Patch<String> patch = applied(before, after);
    assertEquals(2, patch.getDeltas().size());
    assertEquals(10, patch.getDeltas().get(0).getSource().getPosition());
    List<String> swapped = new ArrayList<>(before.subList(20_000, 40_000));
    swapped.addAll(before.subList(0, 20_000));
    assertEquals(2, applied(before, swapped).getDeltas().size(), "halves moved: two changes");
  }

  @Test
  void a_rewrite_of_a_long_text_is_one_replacement() throws PatchFailedException {
    List<String> before = numbered("ancienne", 40_000);
    List<String> everyOther = new ArrayList<>(before);
    for (int i = 0; i < everyOther.size(); i += 2) {
      everyOther.set(i, "réécrite " + i);
    }
    // Myers took 13 s here, and 50 s for a text with no line in common.
    assertEquals(1, applied(before, everyOther).getDeltas().size());
    assertEquals(1, applied(before, numbered("nouvelle", 40_000)).getDeltas().size());
    List<String> reversed = new ArrayList<>(before);
    Collections.reverse(reversed);
    applied(before, reversed);
    List<String> ab = new ArrayList<>();
    List<String> aab = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      ab.add(i % 2 == 0 ? "a" : "b");
      aab.add(i % 3 == 0 ? "b" : "a");
    }
    applied(ab, aab);
    List<String> pairsSwapped = new ArrayList<>();
    for (int i = 0; i < before.size(); i += 2) {
      pairsSwapped.add(before.get(i + 1));
      pairsSwapped.add(before.get(i));
    }
    // Every line still there, each pair out of order: the histogram diff took seconds on it.
    assertEquals(1, applied(before, pairsSwapped).getDeltas().size());
    // One block repeated, each repeat's first two lines swapped: nothing on one side only and
    // little out of order, yet the histogram diff tried every repeat against every other.
    List<String> block = numbered("b", 1024);
    List<String> repeated = new ArrayList<>();
    List<String> swappedInEach = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      repeated.addAll(block);
      List<String> changed = new ArrayList<>(block);
      Collections.swap(changed, 0, 1);
      swappedInEach.addAll(changed);
    }
    applied(repeated, swappedInEach);
  }
}
