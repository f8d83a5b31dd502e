package vademecum.manual;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Rendered HTML per revision id. Revisions never change, so an entry never goes stale; the cache
 * only bounds memory by forgetting the least recently read.
 */
final class RenderCache<V> {
  private final Map<Long, V> entries;

  RenderCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(capacity, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
            return size() > capacity;
          }
        };
  }

  V get(long revisionId, Function<Long, V> render) {
    synchronized (entries) {
      V cached = entries.get(revisionId);
      if (cached != null) {
        return cached;
      }
    }
    V rendered = render.apply(revisionId);
    synchronized (entries) {
      entries.put(revisionId, rendered);
    }
    return rendered;
  }
}
