package vademecum.bench;

import java.util.Arrays;

/** Recorded durations and their percentiles, in milliseconds. */
final class Latencies {
  private long[] nanos = new long[1024];
  private int count;

  synchronized void add(long durationNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = durationNanos;
  }

  synchronized void addAll(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      add(other.nanos[i]);
    }
  }

  synchronized int count() {
    return count;
  }

  synchronized double percentileMillis(double percentile) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
  }

  String summary() {
    return String.format(
        "median %7.2f ms   p99 %7.2f ms   (n=%d)",
        percentileMillis(50), percentileMillis(99), count());
  }
}
