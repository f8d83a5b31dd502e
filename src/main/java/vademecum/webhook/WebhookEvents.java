package vademecum.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Writes events to the outbox inside the transaction of the change they describe: a publish that
 * rolls back sends nothing, and a committed one is never lost, even if the receiver is down.
 */
public final class WebhookEvents {
  public static final String MANUAL_PUBLISHED = "manual.published";
  public static final String PROCEDURE_ACKNOWLEDGED = "procedure.acknowledged";
  public static final String QUESTION_ASKED = "question.asked";
  public static final String QUESTION_ANSWERED = "question.answered";
  public static final String SUGGESTION_MADE = "suggestion.made";
  public static final String SUGGESTION_DECIDED = "suggestion.decided";
  public static final String REVIEW_DUE = "review.due";
  public static final String RUN_STARTED = "run.started";
  public static final String RUN_DONE = "run.done";
  public static final String RUN_OVERDUE = "run.overdue";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookRepository webhooks;
  private final String baseUrl;

  public WebhookEvents(WebhookRepository webhooks, String baseUrl) {
    this.webhooks = webhooks;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public void manualPublished(
      DSLContext tx,
      long workspaceId,
      String workspaceSlug,
      String manualSlug,
      String title,
      int revision,
      boolean minor) {
    Map<String, Object> manual = new LinkedHashMap<>();
    manual.put("slug", manualSlug);
    manual.put("title", title);
    manual.put("revision", revision);
    manual.put("minor", minor);
    manual.put("url", baseUrl + "/w/" + workspaceSlug + "/m/" + manualSlug);
    webhooks.enqueue(
        tx,
        workspaceId,
        MANUAL_PUBLISHED,
        payload(MANUAL_PUBLISHED, workspaceSlug, "manual", manual));
  }

  /**
   * One event per workspace, listing the procedures the person has just acknowledged. Without any
   * webhook (the usual case) it costs one cheap query on the acknowledgement's path.
   */
  public void proceduresAcknowledged(DSLContext tx, long accountId, List<Long> versionIds) {
    if (!webhooks.anyLive(tx)) {
      return;
    }
    String person = webhooks.displayName(tx, accountId);
    List<WebhookRepository.AckedVersion> versions = webhooks.ackedVersions(tx, versionIds);
    Map<Long, List<WebhookRepository.AckedVersion>> byWorkspace = new LinkedHashMap<>();
    versions.forEach(
        v -> byWorkspace.computeIfAbsent(v.workspaceId(), k -> new ArrayList<>()).add(v));
    byWorkspace.forEach(
        (workspaceId, acked) -> {
          List<Map<String, Object>> procedures = new ArrayList<>();
          for (WebhookRepository.AckedVersion v : acked) {
            Map<String, Object> procedure = new LinkedHashMap<>();
            procedure.put("manual", v.manualSlug());
            procedure.put("key", v.key());
            procedure.put("title", v.title());
            procedure.put("version", v.version());
            procedures.add(procedure);
          }
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("person", person);
          data.put("procedures", procedures);
          webhooks.enqueue(
              tx,
              workspaceId,
              PROCEDURE_ACKNOWLEDGED,
              payload(
                  PROCEDURE_ACKNOWLEDGED, acked.get(0).workspaceSlug(), "acknowledgement", data));
        });
  }

  /**
   * An event of the questions, suggestions and reviews of issue 24: {@code data} under {@code key},
   * with {@code path} (a page of the workspace) made an absolute {@code url}.
   */
  public void emit(
      DSLContext tx,
      long workspaceId,
      String workspaceSlug,
      String event,
      String key,
      Map<String, Object> data,
      String path) {
    if (!webhooks.anyLive(tx)) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>(data);
    body.put("url", baseUrl + path);
    webhooks.enqueue(tx, workspaceId, event, payload(event, workspaceSlug, key, body));
  }

  private static String payload(String event, String workspace, String key, Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("workspace", workspace);
    body.put("at", OffsetDateTime.now().toString());
    body.put(key, data);
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
