package vademecum.manual;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The latest checklist runs of a manual's procedures, by procedure key, as its page lists them
 * under each procedure. The runs feature answers it; the composition root hands it to {@link
 * ManualRoutes}.
 */
@FunctionalInterface
public interface RunHistory {
  Map<String, List<Recent>> inManual(long manualId);

  /**
   * @param state open, overdue, done or problems
   * @param at when it was started, or finished once it is
   */
  record Recent(String title, String url, String state, OffsetDateTime at) {}

  RunHistory NONE = manualId -> Map.of();
}
