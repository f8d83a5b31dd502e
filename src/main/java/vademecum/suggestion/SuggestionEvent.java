package vademecum.suggestion;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import vademecum.kernel.Actor;

/**
 * A suggestion made or decided, handled by listeners in the transaction that makes it (the audit
 * row, the webhook event).
 */
public sealed interface SuggestionEvent {
  Suggestion suggestion();

  Actor actor();

  record Made(Suggestion suggestion, Actor actor) implements SuggestionEvent {}

  record Decided(Suggestion suggestion, Actor actor) implements SuggestionEvent {}

  default String webhookEvent() {
    return this instanceof Made ? "suggestion.made" : "suggestion.decided";
  }

  /** What a webhook receiver and the audit log are told of it. */
  default Map<String, Object> describe() {
    Suggestion s = suggestion();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", s.id());
    data.put("manual", s.manualSlug());
    data.put("procedure", s.procedureKey());
    data.put("author", s.authorName());
    data.put("status", s.status().column());
    data.put("baseRevision", s.baseNumber());
    if (s.revisionNumber() != null) {
      data.put("revision", s.revisionNumber());
    }
    data.put("by", actor().displayName());
    return data;
  }

  @FunctionalInterface
  interface Listener {
    void on(DSLContext tx, SuggestionEvent event);
  }
}
