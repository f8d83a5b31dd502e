package vademecum.suggestion;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.web.JsonBody;

/** What the suggestions API reads and answers, as records (see {@code ManualJson}). */
public final class SuggestionJson {
  private SuggestionJson() {}

  /**
   * {@code status}: open, accepted or declined; {@code procedure}: the procedure edited, null for
   * the whole manual; {@code revision}: what an accepted one became.
   */
  public record SuggestionItem(
      long id,
      String manual,
      @Nullable String procedure,
      int baseRevision,
      String author,
      String note,
      String status,
      @Nullable String decidedBy,
      @Nullable String decidedAt,
      String decisionNote,
      @Nullable Integer revision,
      @Nullable Long resubmits,
      String createdAt,
      String url) {
    static SuggestionItem of(Suggestion s, String baseUrl) {
      return new SuggestionItem(
          s.id(),
          s.manualSlug(),
          s.procedureKey(),
          s.baseNumber(),
          s.authorName(),
          s.note(),
          s.status().column(),
          s.decidedByName(),
          s.decidedAt() == null ? null : s.decidedAt().toString(),
          s.decisionNote(),
          s.revisionNumber(),
          s.resubmitsId(),
          s.createdAt().toString(),
          baseUrl + s.url());
    }
  }

  public record SuggestionList(List<SuggestionItem> suggestions) {}

  /**
   * A suggestion with its text: {@code conflict} when the manual changed where it does since it was
   * made; otherwise {@code rebased} is the manual's latest text with it applied, and the line
   * counts say what accepting it changes.
   */
  public record SuggestionDetail(
      SuggestionItem suggestion,
      String markdown,
      int latestRevision,
      boolean conflict,
      @Nullable String rebased,
      int linesAdded,
      int linesRemoved) {
    static SuggestionDetail of(SuggestionService.Review review, String baseUrl) {
      return new SuggestionDetail(
          SuggestionItem.of(review.suggestion(), baseUrl),
          review.suggestion().markdown(),
          review.latest().number(),
          review.conflict(),
          review.merged(),
          review.changes().added(),
          review.changes().removed());
    }
  }

  /**
   * A suggestion: the procedure's new text (its {@code ##} heading first) or, without {@code
   * procedure}, the whole manual's; {@code base} is the published revision it was made on.
   */
  public record ProposeBody(
      @Nullable String procedure,
      int base,
      String markdown,
      @Nullable String note,
      @Nullable Long resubmits) {
    static ProposeBody read(JsonBody json) {
      Integer base = json.integer("base");
      return new ProposeBody(
          json.text("procedure", null),
          base == null ? 0 : base,
          json.text("markdown", ""),
          json.text("note", ""),
          json.number("resubmits"));
    }
  }

  /**
   * {@code decision}: accept or decline; {@code outcome} for an acceptance (draft, minor or major),
   * {@code note} for a refusal.
   */
  public record DecisionBody(String decision, @Nullable String outcome, @Nullable String note) {
    static DecisionBody read(JsonBody json) {
      return new DecisionBody(
          json.text("decision", ""), json.text("outcome", "draft"), json.text("note", ""));
    }
  }
}
