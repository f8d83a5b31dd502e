package vademecum.review;

import java.util.List;
import java.util.Locale;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.web.JsonBody;

/** What the reviews API reads and answers, as records (see {@code ManualJson}). */
public final class ReviewJson {
  private ReviewJson() {}

  /**
   * {@code kind}: review_overdue, review_due, flag, question, resubmitted or run_problem; {@code
   * since}: the due date of a review, when anything else started waiting (ISO 8601). Most urgent
   * first.
   */
  public record AttentionItem(
      String kind,
      String since,
      String manual,
      String procedure,
      String by,
      String note,
      String url) {}

  public record AttentionList(List<AttentionItem> items) {
    static AttentionList of(List<ReviewService.Item> items, String baseUrl) {
      return new AttentionList(
          items.stream()
              .map(
                  i ->
                      new AttentionItem(
                          i.kind().name().toLowerCase(Locale.ROOT),
                          i.since().toString(),
                          i.manualTitle(),
                          i.procedureTitle(),
                          i.by(),
                          i.note(),
                          baseUrl + i.url()))
              .toList());
    }
  }

  public record FlagItem(long id, String procedure, String by, String note, String createdAt) {}

  /**
   * A manual's owner and review interval in months (null: none), its last review, its next due date
   * (ISO dates), and its open out-of-date flags.
   */
  public record ReviewState(
      String manual,
      @Nullable Long ownerId,
      @Nullable String owner,
      @Nullable Integer months,
      @Nullable String reviewedAt,
      @Nullable String due,
      boolean overdue,
      List<FlagItem> flags) {
    static ReviewState of(ReviewService.Overview o) {
      var s = o.steward();
      return new ReviewState(
          o.manual().manual().slug(),
          s.ownerId(),
          s.ownerName(),
          s.months(),
          s.reviewedAt() == null ? null : s.reviewedAt().toString(),
          s.due() == null ? null : s.due().toString(),
          s.overdue(),
          o.flags().stream()
              .map(
                  f ->
                      new FlagItem(
                          f.id(), f.procedureKey(), f.byName(), f.note(), f.since().toString()))
              .toList());
    }
  }

  /** "Still accurate", with an optional note. */
  public record ReviewBody(@Nullable String note) {
    static ReviewBody read(JsonBody json) {
      return new ReviewBody(json.text("note", ""));
    }
  }

  /**
   * The owner (an owner or editor's account id) and the interval in months (null: none; left out:
   * the interval stays as it is, as a revision keeps the fields a save leaves out).
   */
  public record StewardshipBody(long owner, @Nullable Integer months) {
    static StewardshipBody read(JsonBody json) {
      Long owner = json.number("owner");
      if (owner == null) {
        throw Refusal.invalid("owner", "Choose the manual's owner.");
      }
      return new StewardshipBody(owner, json.integer("months"));
    }
  }

  /** "Looks out of date", with what is. */
  public record FlagBody(String note) {
    static FlagBody read(JsonBody json) {
      return new FlagBody(json.text("note", ""));
    }
  }

  public record Flagged(long id) {}
}
