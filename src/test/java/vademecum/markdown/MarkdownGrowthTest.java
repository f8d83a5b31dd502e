package vademecum.markdown;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Hostile Markdown: for every pathological shape, what a save does with 1 MB costs about 16 times
 * what it does with 64 kB (linear), never the 256 times of a parser whose time grows with the
 * square of the text. This compares the text with itself at two sizes on the same machine, so it
 * holds on a slow one; absolute times are in {@code bench/MarkdownGrowth}. Refusals count: a text
 * refused before parsing, or as nested too deeply, must be refused in linear time too.
 */
class MarkdownGrowthTest {
  private static final int SMALL = 64 * 1024;
  private static final int LARGE = 1024 * 1024;

  /** Linear is 16; noise and garbage collection add some; quadratic is 256. */
  private static final double MAX_GROWTH = 48;

  private final MarkdownRenderer markdown = new MarkdownRenderer();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Test
  void every_pathological_text_costs_about_linear_time_from_64_kB_to_1_MB() {
    for (int i = 0; i < 10; i++) {
      PathologicalMarkdown.process(
          markdown, "## Étape\n" + "Un *mot*, [un lien](/a).\n".repeat(3000));
    }
    List<String> superlinear = new ArrayList<>();
    for (Map.Entry<String, IntFunction<String>> input : PathologicalMarkdown.all().entrySet()) {
      String small = input.getValue().apply(SMALL);
      String large = input.getValue().apply(LARGE);
      double growth = 0;
      // A new shape of text first pays for compiling its paths: the best of three tries.
      for (int attempt = 0; attempt < 3; attempt++) {
        growth = cpuSeconds(large) / Math.max(cpuSeconds(small), 0.002);
        if (growth <= MAX_GROWTH) {
          break;
        }
      }
      if (growth > MAX_GROWTH) {
        superlinear.add(input.getKey() + String.format(" grew %.0fx", growth));
      }
    }
    assertTrue(superlinear.isEmpty(), "superlinear: " + superlinear);
  }

  /** CPU time of this thread, which other work on the machine does not inflate. */
  private double cpuSeconds(String text) {
    long start = threads.getCurrentThreadCpuTime();
    try {
      PathologicalMarkdown.process(markdown, text);
    } catch (StackOverflowError refused) {
      // the server answers a 400 "nested too deeply"; how long it took still counts
    }
    return (threads.getCurrentThreadCpuTime() - start) / 1e9;
  }
}
