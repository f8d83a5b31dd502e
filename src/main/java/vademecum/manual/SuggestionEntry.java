package vademecum.manual;

import java.time.OffsetDateTime;
import java.util.List;
import vademecum.kernel.Nullable;

/**
 * A suggested edit as the manual's history lists it: who suggested, what was decided, by whom, and
 * the revision it became. The suggestion feature answers {@link Suggestions}.
 */
public record SuggestionEntry(
    String url,
    String authorName,
    String status,
    @Nullable String decidedByName,
    OffsetDateTime createdAt,
    @Nullable OffsetDateTime decidedAt,
    String decisionNote,
    @Nullable Integer revisionNumber) {

  /** The suggestions made on one manual, newest first, for its history page. */
  @FunctionalInterface
  public interface Suggestions {
    List<SuggestionEntry> inManual(long manualId);

    Suggestions NONE = manualId -> List.of();
  }
}
