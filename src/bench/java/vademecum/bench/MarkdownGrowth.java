package vademecum.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.PathologicalMarkdown;

/**
 * How long each pathological Markdown input takes through what a save, a preview and a publish do
 * with a text (split into procedures, plain text for search, render and sanitise), at 64 kB, 256 kB
 * and 1 MB; and how much the time grows (×16 from 64 kB to 1 MB is linear, ×256 quadratic). Sizes
 * after one over 5 s are skipped. Texts that a save refuses before parsing (too many unfinished
 * links on a line, see {@code LinkOpenings}) show as refused; texts nested deeper than the stack
 * allows as overflow (the server answers both with a 400 naming the problem).
 *
 * <p>With a second argument {@code render}, only what a preview does is timed: the checks, then
 * rendering and sanitising (one parse).
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.MarkdownGrowth
 */
public final class MarkdownGrowth {
  private MarkdownGrowth() {}

  public static void main(String[] args) {
    MarkdownRenderer markdown = new MarkdownRenderer();
    BiPredicate<MarkdownRenderer, String> step =
        args.length > 1 && args[1].equals("render")
            ? PathologicalMarkdown::preview
            : PathologicalMarkdown::process;
    int[] sizes =
        args.length > 0
            ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {64 * 1024, 256 * 1024, 1024 * 1024};
    // Warm the parser up on ordinary text first.
    for (int i = 0; i < 20; i++) {
      run(markdown, "## Étape\n" + "Un *mot* et [un lien](https://example.com).\n".repeat(2000));
    }
    System.out.printf(
        "%-32s sizes %s bytes, then growth from first to last"
            + " (r: refused before parsing, n: refused as nested too deeply)%n",
        "input", Arrays.toString(sizes));
    for (Map.Entry<String, IntFunction<String>> input : PathologicalMarkdown.all().entrySet()) {
      double[] seconds = new double[sizes.length];
      StringBuilder line = new StringBuilder(String.format("%-32s", input.getKey()));
      for (int s = 0; s < sizes.length; s++) {
        if (s > 0 && seconds[s - 1] > 5) {
          seconds[s] = Double.NaN;
          line.append(String.format(" %11s", "skipped"));
          continue;
        }
        String text = input.getValue().apply(sizes[s]);
        // The faster of two runs: the first of a new shape of text also pays for compiling.
        Outcome first = time(step, markdown, text);
        Outcome second = time(step, markdown, text);
        seconds[s] = Math.min(first.seconds(), second.seconds());
        line.append(String.format(" %9.3fs%s", seconds[s], first.mark()));
      }
      double growth = seconds[sizes.length - 1] / Math.max(seconds[0], 1e-4);
      line.append(Double.isNaN(growth) ? "        -" : String.format(" %7.1fx", growth));
      System.out.println(line);
    }
  }

  static void run(MarkdownRenderer markdown, String text) {
    PathologicalMarkdown.process(markdown, text);
  }

  /** How long a text took, and how it ended: " " processed, "r" refused, "n" nested too deeply. */
  private record Outcome(double seconds, String mark) {}

  private static Outcome time(
      BiPredicate<MarkdownRenderer, String> step, MarkdownRenderer markdown, String text) {
    long start = System.nanoTime();
    String mark;
    try {
      mark = step.test(markdown, text) ? " " : "r";
    } catch (StackOverflowError e) {
      mark = "n"; // the server answers this with a 400 ("nested too deeply")
    }
    return new Outcome((System.nanoTime() - start) / 1e9, mark);
  }
}
