package vademecum.suggestion;

import java.time.OffsetDateTime;
import java.util.Locale;
import vademecum.kernel.Nullable;

/**
 * A proposed change to a manual: the whole manual text as proposed ({@code markdown}), the
 * published revision it was made from, and what was decided. {@code procedureKey} is the procedure
 * edited, or null for the whole manual.
 */
public record Suggestion(
    long id,
    long workspaceId,
    String workspaceSlug,
    long manualId,
    String manualSlug,
    String manualLanguage,
    String manualTitle,
    @Nullable String procedureKey,
    long baseRevisionId,
    int baseNumber,
    @Nullable Long authorId,
    String authorName,
    String markdown,
    String note,
    @Nullable Long questionId,
    @Nullable Long resubmitsId,
    Status status,
    @Nullable String decidedByName,
    @Nullable OffsetDateTime decidedAt,
    String decisionNote,
    @Nullable Integer revisionNumber,
    OffsetDateTime createdAt) {

  public enum Status {
    OPEN,
    ACCEPTED,
    DECLINED;

    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status fromColumn(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public boolean by(long accountId) {
    return authorId != null && authorId == accountId;
  }

  public String url() {
    return "/w/" + workspaceSlug + "/suggestions/" + id;
  }

  public String manualUrl() {
    return "/w/" + workspaceSlug + "/m/" + manualSlug;
  }

  /** The manual, at the procedure the suggestion edits. */
  public String placeUrl() {
    return procedureKey == null ? manualUrl() : manualUrl() + "#" + procedureKey;
  }
}
