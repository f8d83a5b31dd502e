package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.TestApp;
import vademecum.testing.TestImages;

/**
 * Every operation of the OpenAPI document is called for real, and every answer (successes, the
 * conflict of a stale save, errors) is validated against the schema the document gives it, with no
 * property left undescribed.
 */
class ApiSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WS = "/api/v1/workspaces/schemas";
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static TestApp app;
  private static Map<String, String> tokens;
  private static Map<String, Long> accounts;
  private static JsonNode document;

  @BeforeAll
  static void start() throws Exception {
    app = TestApp.start();
    Workspace workspace = app.workspace("schemas");
    tokens = new HashMap<>();
    accounts = new HashMap<>();
    for (Role role : List.of(Role.OWNER, Role.EDITOR, Role.ASSISTANT)) {
      Account account = app.account(workspace, role);
      accounts.put(role.column(), account.id());
      tokens.put(role.column(), app.app().services().tokens().create(account.id(), "t"));
    }
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft(
                "Voyages",
                "fr",
                List.of("voyage"),
                "Déplacements",
                "## Vols {#vols}\nÉconomique, sauf au-delà de six heures.\n",
                null,
                "",
                false,
                true),
            null,
            Actor.SYSTEM);
    // Issue 27: a procedure with steps to run, which the assistant has acknowledged.
    app.publish(
        workspace,
        "Relevés",
        "fr",
        "## Pointage {#pointage}\n1. Exporter le relevé.\n2. Pointer les lignes.\n");
    var runs = app.app().services().runs();
    Actor assistant = new Actor(accounts.get("assistant"), "Assistant");
    long shown =
        runs.starting(workspace, Role.ASSISTANT, assistant.accountId(), "releves", "pointage")
            .standing()
            .currentVersionId();
    runs.acknowledge(workspace, Role.ASSISTANT, assistant, "releves", "pointage", shown);
    document = JSON.readTree(call(null, "GET", "/api/v1/openapi.json", null).body());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** One call; a body starting with {@code file:} is an upload of the test image with that name. */
  private record Call(String who, String method, String path, String body, int status) {}

  @Test
  void every_operation_answers_what_its_description_says() throws Exception {
    String vols =
        JSON.readTree(call("assistant", "GET", WS + "/manuals/voyages/procedures", null).body())
            .get("procedures")
            .get(0)
            .get("versionId")
            .asText();
    String draft = "{\"title\":\"Relances\",\"markdown\":\"## Relancer {#relancer}\\nÀ J+10.\\n\"}";
    String save = "{\"base\":1,\"title\":\"Relances\",\"markdown\":\"## Relancer\\nÀ J+7.\\n\"}";
    List<Call> calls =
        List.of(
            new Call(null, "GET", "/api/v1/openapi.json", null, 200),
            new Call("owner", "GET", "/api/v1/me", null, 200),
            new Call("assistant", "GET", "/api/v1/workspaces", null, 200),
            new Call("assistant", "GET", "/api/v1/search?q=vol", null, 200),
            new Call("assistant", "GET", "/api/v1/search?q=vol&limit=0", null, 400),
            new Call("editor", "GET", WS + "/manuals", null, 200),
            new Call("assistant", "GET", WS + "/manuals", null, 200),
            new Call("editor", "POST", WS + "/manuals", draft, 201),
            new Call("editor", "POST", WS + "/manuals", "{\"title\":", 400),
            new Call("editor", "GET", WS + "/manuals/voyages", null, 200),
            new Call("assistant", "GET", WS + "/manuals/voyages", null, 200),
            new Call("assistant", "GET", WS + "/manuals/nope", null, 404),
            new Call("editor", "GET", WS + "/manuals/relances/revisions", null, 200),
            new Call("assistant", "GET", WS + "/manuals/relances/revisions", null, 403),
            new Call("editor", "POST", WS + "/manuals/relances/revisions", save, 201),
            // Another text on the same base: the same one again would be no conflict.
            new Call(
                "owner",
                "POST",
                WS + "/manuals/relances/revisions",
                save.replace("J+7", "J+10"),
                409),
            new Call("editor", "POST", WS + "/manuals/relances/publish", "{\"revision\":1}", 409),
            new Call("editor", "POST", WS + "/manuals/relances/publish", "{\"revision\":2}", 200),
            new Call("assistant", "GET", WS + "/manuals/voyages/procedures", null, 200),
            new Call(
                "assistant",
                "POST",
                WS + "/acknowledgements",
                "{\"versions\":[" + vols + "]}",
                200),
            new Call("editor", "GET", WS + "/dashboard", null, 200),
            // Issue 24: questions, suggestions, reviews and flags.
            new Call(
                "assistant",
                "POST",
                WS + "/manuals/voyages/procedures/vols/questions",
                "{\"quote\":\"\",\"body\":\"Et en train ?\"}",
                201),
            new Call(
                "assistant",
                "POST",
                WS + "/manuals/voyages/procedures/vols/questions",
                "{\"body\":\"\"}",
                400),
            new Call("assistant", "GET", WS + "/questions", null, 200),
            new Call("editor", "GET", WS + "/questions?status=open", null, 200),
            new Call("editor", "GET", WS + "/questions/{question}", null, 200),
            new Call(
                "editor",
                "POST",
                WS + "/questions/{question}/messages",
                "{\"body\":\"Première classe au-delà de quatre heures.\"}",
                201),
            new Call("editor", "POST", WS + "/questions/{question}/public", "{\"faq\":true}", 200),
            new Call(
                "assistant", "POST", WS + "/questions/{question}/public", "{\"faq\":true}", 403),
            new Call(
                "assistant",
                "POST",
                WS + "/questions/{question}/status",
                "{\"status\":\"closed\"}",
                200),
            new Call(
                "assistant",
                "POST",
                WS + "/manuals/voyages/suggestions",
                "{\"procedure\":\"vols\",\"base\":1,\"markdown\":\"## Vols {#vols}\\nÉconomique toujours.\\n\"}",
                201),
            new Call("assistant", "GET", WS + "/suggestions", null, 200),
            new Call("editor", "GET", WS + "/suggestions/{suggestion}", null, 200),
            new Call(
                "editor",
                "POST",
                WS + "/suggestions/{suggestion}/decision",
                "{\"decision\":\"decline\",\"note\":\"Non.\"}",
                200),
            new Call(
                "editor",
                "POST",
                WS + "/suggestions/{suggestion}/decision",
                "{\"decision\":\"accept\"}",
                409),
            new Call(
                "assistant",
                "POST",
                WS + "/manuals/voyages/procedures/vols/flags",
                "{\"note\":\"Les tarifs ont changé.\"}",
                201),
            new Call("editor", "GET", WS + "/review", null, 200),
            new Call("editor", "GET", WS + "/insights", null, 200),
            new Call("editor", "GET", WS + "/synonyms", null, 200),
            new Call(
                "editor",
                "POST",
                WS + "/synonyms",
                "{\"text\":\"rapprochement bancaire, bank reconciliation\"}",
                200),
            new Call("editor", "POST", WS + "/synonyms", "{\"text\":\"seul\"}", 400),
            new Call("assistant", "GET", WS + "/synonyms", null, 403),
            new Call("assistant", "GET", WS + "/insights", null, 403),
            new Call("assistant", "GET", WS + "/review", null, 403),
            new Call("editor", "GET", WS + "/manuals/voyages/review", null, 200),
            new Call("editor", "POST", WS + "/flags/{flag}/resolve", null, 200),
            new Call("editor", "POST", WS + "/flags/999999/resolve", null, 404),
            new Call(
                "editor",
                "POST",
                WS + "/manuals/voyages/stewardship",
                "{\"owner\":{owner},\"months\":12}",
                200),
            new Call(
                "editor", "POST", WS + "/manuals/voyages/reviews", "{\"note\":\"Relu.\"}", 201),
            new Call("editor", "POST", WS + "/files", "file:capture.png", 201),
            new Call("editor", "POST", WS + "/files", "file:page.html", 415),
            new Call("assistant", "POST", WS + "/files", "file:capture.png", 403),
            // Issue 27: runs and schedules.
            new Call(
                "assistant",
                "POST",
                WS + "/manuals/releves/procedures/pointage/runs",
                "{\"title\":\"Relevés — mars\",\"due\":\"2027-03-31\"}",
                201),
            new Call("editor", "POST", WS + "/manuals/releves/procedures/pointage/runs", "{}", 409),
            new Call("assistant", "POST", WS + "/runs/{run}/steps/1", "{\"state\":\"done\"}", 200),
            // Read as open, done since: a change over it is a conflict, as on the page.
            new Call(
                "assistant",
                "POST",
                WS + "/runs/{run}/steps/1",
                "{\"state\":\"not_applicable\",\"note\":\"Rien\",\"seen\":\"open\"}",
                409),
            // 2^32 + 2 is no step (it was cast to step 2).
            new Call(
                "assistant",
                "POST",
                WS + "/runs/{run}/steps/4294967298",
                "{\"state\":\"done\"}",
                404),
            new Call(
                "assistant", "POST", WS + "/runs/{run}/steps/2", "{\"state\":\"problem\"}", 400),
            new Call("assistant", "POST", WS + "/runs/{run}/finish", null, 409),
            new Call(
                "assistant",
                "POST",
                WS + "/runs/{run}/steps/2",
                "{\"state\":\"not_applicable\",\"note\":\"Rien ce mois\"}",
                200),
            new Call("assistant", "POST", WS + "/runs/{run}/finish", null, 200),
            new Call("assistant", "GET", WS + "/runs", null, 200),
            new Call("assistant", "GET", WS + "/runs/{run}", null, 200),
            new Call("assistant", "GET", WS + "/runs/999999", null, 404),
            new Call(
                "editor",
                "POST",
                WS + "/manuals/releves/procedures/pointage/schedules",
                "{\"frequency\":\"monthly\",\"day\":\"last\",\"assignee\":{assistant},"
                    + "\"leadDays\":2}",
                201),
            new Call(
                "assistant",
                "POST",
                WS + "/manuals/releves/procedures/pointage/schedules",
                "{\"frequency\":\"daily\",\"assignee\":{assistant}}",
                403),
            new Call("assistant", "GET", WS + "/schedules", null, 200),
            new Call("editor", "POST", WS + "/schedules/{schedule}/stop", null, 200),
            new Call(null, "GET", WS + "/dashboard", null, 401));

    TreeSet<String> exercised = new TreeSet<>();
    List<String> faults = new ArrayList<>();
    // Ids made by earlier calls, put in the later ones' paths and bodies.
    Map<String, String> ids = new HashMap<>();
    ids.put("{owner}", String.valueOf(accounts.get("editor")));
    ids.put("{assistant}", String.valueOf(accounts.get("assistant")));
    for (Call given : calls) {
      Call c = given;
      for (var id : ids.entrySet()) {
        c =
            new Call(
                c.who(),
                c.method(),
                c.path().replace(id.getKey(), id.getValue()),
                c.body() == null ? null : c.body().replace(id.getKey(), id.getValue()),
                c.status());
      }
      HttpResponse<String> response = call(c.who(), c.method(), c.path(), c.body());
      if (response.statusCode() == 201 && c.method().equals("POST")) {
        JsonNode made = JSON.readTree(response.body());
        if (c.path().endsWith("/questions")) {
          ids.put("{question}", made.get("question").get("id").asText());
        } else if (c.path().endsWith("/suggestions")) {
          ids.put("{suggestion}", made.get("id").asText());
        } else if (c.path().endsWith("/flags")) {
          ids.put("{flag}", made.get("id").asText());
        } else if (c.path().endsWith("/runs")) {
          ids.put("{run}", made.get("run").get("id").asText());
        } else if (c.path().endsWith("/schedules")) {
          ids.put("{schedule}", made.get("id").asText());
        }
      }
      assertEquals(c.status(), response.statusCode(), c + " answered " + response.body());
      String template = template(c.method(), c.path());
      exercised.add(c.method() + " " + template);
      JsonNode operation = document.get("paths").get(template).get(c.method().toLowerCase());
      JsonNode answer =
          operation.get("responses").has(String.valueOf(c.status()))
              ? operation.get("responses").get(String.valueOf(c.status()))
              : operation.get("responses").get("default");
      Schema schema = schema(answer.get("content").get("application/json").get("schema"));
      schema
          .validate(JSON.readTree(response.body()))
          .forEach(error -> faults.add(given.method() + " " + given.path() + ": " + error));
    }
    assertEquals(List.of(), faults);
    assertEquals(operations(), exercised, "every described operation is called");
  }

  @Test
  void a_stray_property_or_a_missing_one_does_not_pass() throws Exception {
    JsonNode me = JSON.readTree(call("owner", "GET", "/api/v1/me", null).body());
    Schema schema =
        schema(
            document
                .get("paths")
                .get("/api/v1/me")
                .get("get")
                .get("responses")
                .get("200")
                .get("content")
                .get("application/json")
                .get("schema"));
    assertEquals(List.of(), schema.validate(me));
    ObjectNode extra = me.deepCopy();
    extra.put("password", "x");
    assertTrue(!schema.validate(extra).isEmpty(), "an undescribed property is refused");
    ObjectNode missing = me.deepCopy();
    missing.remove("email");
    assertTrue(!schema.validate(missing).isEmpty(), "a required property is required");
  }

  /** A schema of the document, with its components within reach of {@code $ref}. */
  private static Schema schema(JsonNode schema) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) schema.deepCopy());
    root.set("components", document.get("components"));
    return SCHEMAS.getSchema(SchemaLocation.of("https://vademecum.test/openapi.json"), root);
  }

  private static TreeSet<String> operations() {
    TreeSet<String> all = new TreeSet<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> all.add(m.toUpperCase() + " " + path.getKey())));
    return all;
  }

  /** The documented path that a concrete one matches. */
  private static String template(String method, String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    for (String candidate : (Iterable<String>) () -> document.get("paths").fieldNames()) {
      String pattern = candidate.replaceAll("\\{\\w+}", "[^/]+");
      if (bare.matches(pattern) && document.get("paths").get(candidate).has(method.toLowerCase())) {
        return candidate;
      }
    }
    throw new AssertionError("no description of " + method + " " + path);
  }

  private static HttpResponse<String> call(String who, String method, String path, String body) {
    if (body != null && body.startsWith("file:")) {
      String name = body.substring(5);
      byte[] bytes =
          name.endsWith(".png")
              ? TestImages.png(20, 10)
              : "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
      return app.browser()
          .always("Authorization", "Bearer " + tokens.get(who))
          .upload(path, name, bytes, Map.of("alt", "Capture"));
    }
    return app.api(who == null ? null : tokens.get(who), method, path, body);
  }
}
