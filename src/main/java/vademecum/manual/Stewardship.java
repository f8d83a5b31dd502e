package vademecum.manual;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import vademecum.kernel.Nullable;

/**
 * Who answers for a manual being right, and when it was last checked. The review feature answers
 * it; the manual page and the acknowledgement dashboard show it.
 */
public interface Stewardship {
  Optional<Steward> ofManual(long manualId);

  /** By manual slug, for a workspace's manuals. */
  Map<String, Steward> inWorkspace(long workspaceId);

  /**
   * @param months the review interval; null: no review date
   * @param due when the next review falls due; null without an interval
   */
  record Steward(
      @Nullable Long ownerId,
      @Nullable String ownerName,
      @Nullable Integer months,
      @Nullable OffsetDateTime reviewedAt,
      @Nullable LocalDate due,
      boolean overdue) {}

  Stewardship NONE =
      new Stewardship() {
        @Override
        public Optional<Steward> ofManual(long manualId) {
          return Optional.empty();
        }

        @Override
        public Map<String, Steward> inWorkspace(long workspaceId) {
          return Map.of();
        }
      };
}
