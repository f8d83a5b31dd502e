package vademecum.question;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import vademecum.kernel.Actor;

/**
 * What happens to a question, handled by listeners in the transaction that makes it (the audit row,
 * the webhook event, the search change for a public one): each consequence happens if and only if
 * the change commits.
 */
public sealed interface QuestionEvent {
  Question question();

  Actor actor();

  /** The webhook event it is, or null when it is none (closing, reopening, making public). */
  default String webhookEvent() {
    return switch (this) {
      case Asked a -> "question.asked";
      case Answered a -> "question.answered";
      default -> null;
    };
  }

  /** What a webhook receiver is told of the question. */
  default Map<String, Object> describe() {
    Question q = question();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", q.id());
    data.put("manual", q.manualSlug());
    data.put("procedure", q.procedureKey());
    data.put("procedureTitle", q.procedureTitle());
    data.put("status", q.status().column());
    data.put("by", actor().displayName());
    return data;
  }

  record Asked(Question question, Actor actor, String body) implements QuestionEvent {}

  record Answered(Question question, Actor actor, String body) implements QuestionEvent {}

  /** The asker's follow-up, or a status change (closed, reopened). */
  record Moved(Question question, Actor actor, Question.Status status) implements QuestionEvent {}

  /** Made public (part of the procedure's FAQ) or private again. */
  record Shown(Question question, Actor actor, boolean shown) implements QuestionEvent {}

  @FunctionalInterface
  interface Listener {
    void on(DSLContext tx, QuestionEvent event);
  }
}
