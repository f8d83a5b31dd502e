package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parsed lists are kept by their text, within a bound of characters whatever is saved. */
class SynonymsCacheTest {
  @Test
  void lists_that_differ_each_time_never_hold_more_than_the_bound() {
    String padding = "#" + "x".repeat(90_000) + "\n";
    for (int i = 0; i < 40; i++) {
      Synonyms.forWorkspace(padding + "# version " + i + "\ncb, carte bancaire\n");
      assertTrue(
          Synonyms.cachedCharacters() <= Synonyms.CACHED_CHARS,
          "kept " + Synonyms.cachedCharacters() + " characters after " + (i + 1) + " lists");
    }
    String small = "rdv, rendez-vous\n";
    assertSame(Synonyms.forWorkspace(small), Synonyms.forWorkspace(small), "parsed once");
  }
}
