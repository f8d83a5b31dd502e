package vademecum.question;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.web.JsonBody;

/** What the questions API reads and answers, as records (see {@code ManualJson}). */
public final class QuestionJson {
  private QuestionJson() {}

  /**
   * {@code status}: open, answered or closed; {@code faq}: public, under its procedure; dates ISO
   * 8601.
   */
  public record QuestionItem(
      long id,
      String manual,
      String procedure,
      String procedureTitle,
      String askedBy,
      String quote,
      String status,
      boolean faq,
      String createdAt,
      String updatedAt,
      String url) {
    static QuestionItem of(Question q, String baseUrl) {
      return new QuestionItem(
          q.id(),
          q.manualSlug(),
          q.procedureKey(),
          q.procedureTitle(),
          q.askerName(),
          q.quote(),
          q.status().column(),
          q.isPublic(),
          q.createdAt().toString(),
          q.updatedAt().toString(),
          baseUrl + q.url());
    }
  }

  public record QuestionList(List<QuestionItem> questions) {}

  /** A message in Markdown; {@code answer}: written by an owner or editor. */
  public record MessageItem(String author, boolean answer, String markdown, String at) {}

  public record QuestionThread(QuestionItem question, List<MessageItem> messages) {
    static QuestionThread of(QuestionService.Thread thread, String baseUrl) {
      return new QuestionThread(
          QuestionItem.of(thread.question(), baseUrl),
          thread.messages().stream()
              .map(
                  m -> new MessageItem(m.authorName(), m.answer(), m.markdown(), m.at().toString()))
              .toList());
    }
  }

  /** A new question: the step it quotes (optional) and its text in Markdown. */
  public record AskBody(@Nullable String quote, String body) {
    static AskBody read(JsonBody json) {
      return new AskBody(json.text("quote", ""), json.text("body", ""));
    }
  }

  /** A message on a question: an answer from owners and editors, a follow-up from the asker. */
  public record MessageBody(String body) {
    static MessageBody read(JsonBody json) {
      return new MessageBody(json.text("body", ""));
    }
  }

  /** {@code status}: open or closed. */
  public record StatusBody(String status) {
    static StatusBody read(JsonBody json) {
      return new StatusBody(json.text("status", ""));
    }
  }

  /** Whether the answered question is part of the procedure's FAQ. */
  public record PublicBody(boolean faq) {
    static PublicBody read(JsonBody json) {
      return new PublicBody(json.flag("faq"));
    }
  }
}
