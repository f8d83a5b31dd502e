package vademecum.bench;

import java.util.Map;
import java.util.function.IntFunction;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.PathologicalMarkdown;

/**
 * How long each pathological Markdown input takes through what a save, a preview and a publish do
 * with a text (split into procedures, plain text for search, render and sanitise), at 64 kB, 256 kB
 * and 1 MB; and how much the time grows (×16 from 64 kB to 1 MB is linear, ×256 quadratic). Sizes
 * after one over 5 s are skipped. It measures the parser itself: texts that a save refuses before
 * parsing (too many unfinished links on a line, see {@code LinkOpenings}) are measured too, to show
 * why.
 *
 * <p>./mvnw -q test-compile exec:java -Dexec.mainClass=vademecum.bench.MarkdownGrowth
 */
public final class MarkdownGrowth {
  private MarkdownGrowth() {}

  public static void main(String[] args) {
    MarkdownRenderer markdown = new MarkdownRenderer();
    int[] sizes =
        args.length > 0
            ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {64 * 1024, 256 * 1024, 1024 * 1024};
    // Warm the parser up on ordinary text first.
    for (int i = 0; i < 20; i++) {
      run(markdown, "## Étape\n" + "Un *mot* et [un lien](https://example.com).\n".repeat(2000));
    }
    System.out.printf(
        "%-32s sizes %s bytes, then growth from first to last%n",
        "input", java.util.Arrays.toString(sizes));
    for (Map.Entry<String, IntFunction<String>> input : PathologicalMarkdown.all().entrySet()) {
      double[] seconds = new double[sizes.length];
      StringBuilder line = new StringBuilder(String.format("%-32s", input.getKey()));
      for (int s = 0; s < sizes.length; s++) {
        if (s > 0 && seconds[s - 1] > 5) {
          seconds[s] = Double.NaN;
          line.append(String.format(" %10s", "skipped"));
          continue;
        }
        String text = input.getValue().apply(sizes[s]);
        long start = System.nanoTime();
        try {
          run(markdown, text);
        } catch (StackOverflowError e) {
          // The server answers this with a 400 ("nested too deeply"), at once.
          line.append(String.format(" %10s", "overflow"));
          seconds[s] = Double.NaN;
          continue;
        }
        seconds[s] = (System.nanoTime() - start) / 1e9;
        line.append(String.format(" %9.3fs", seconds[s]));
      }
      double growth = seconds[sizes.length - 1] / Math.max(seconds[0], 1e-4);
      line.append(Double.isNaN(growth) ? "        -" : String.format(" %7.1fx", growth));
      System.out.println(line);
    }
  }

  /** What saving, publishing and previewing a manual do with its text. */
  static void run(MarkdownRenderer markdown, String text) {
    try {
      markdown.splitter().split(text, "Titre");
    } catch (RuntimeException refused) {
      // two headings with one key: a save would be refused here, after the same parse
    }
    try {
      markdown.splitter().plain(text, "Titre");
    } catch (RuntimeException refused) {
      // the same
    }
    markdown.render(text);
  }
}
