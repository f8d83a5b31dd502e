package vademecum.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A progress bar with a count and an estimate on a terminal; one plain line per step elsewhere, so
 * logs and pipes stay readable.
 */
final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();

  Progress(PrintStream out) {
    this.out = out;
    this.terminal = isTerminal();
  }

  void step(int done, int total, String label) {
    if (!terminal) {
      out.printf("[%d/%d] %s%n", done, total, label);
      return;
    }
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    long elapsed = System.nanoTime() - started;
    long remaining = done == 0 ? 0 : elapsed / done * (total - done);
    out.printf(
        "\r[%s%s] %d/%d  about %s left   ",
        "#".repeat(filled),
        " ".repeat(width - filled),
        done,
        total,
        format(Duration.ofNanos(remaining)));
    if (done == total) {
      out.println();
    }
  }

  private static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
  }

  /** Console.isTerminal() exists from Java 22 on; on 21 a console is only present on a terminal. */
  private static boolean isTerminal() {
    var console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
