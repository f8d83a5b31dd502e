package vademecum.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/openapi.json}: the API described for integrators. Written by hand, kept true
 * by a test that compares it with the routes the server really registers.
 */
public final class OpenApiRoutes implements WebServer.Routes {

  private record Operation(
      String method, String path, String summary, String roles, String body, String success) {}

  private static final String WS = "/api/v1/workspaces/{workspace}";

  private static final List<Operation> OPERATIONS =
      List.of(
          new Operation("get", "/api/v1/me", "The account behind the token.", "any", null, "200"),
          new Operation(
              "get",
              "/api/v1/workspaces",
              "The workspaces of the account, with its role.",
              "any",
              null,
              "200"),
          new Operation(
              "get",
              "/api/v1/search",
              "Search published procedures of the account's workspaces (q, workspace, manual, tag,"
                  + " limit, offset).",
              "any",
              null,
              "200"),
          new Operation(
              "get",
              WS + "/manuals",
              "Manuals of the workspace; readers see published ones only.",
              "member",
              null,
              "200"),
          new Operation(
              "post",
              WS + "/manuals",
              "Create a manual: title, language, tags, description, markdown, publish, note.",
              "owner, editor",
              "Draft",
              "201"),
          new Operation(
              "get",
              WS + "/manuals/{manual}",
              "A manual as Markdown and rendered HTML, with its procedures (?revision=N for"
                  + " editors).",
              "member",
              null,
              "200"),
          new Operation(
              "get",
              WS + "/manuals/{manual}/revisions",
              "Every revision of a manual.",
              "owner, editor",
              null,
              "200"),
          new Operation(
              "post",
              WS + "/manuals/{manual}/revisions",
              "Save a revision from base revision number `base`; 409 with the current revision"
                  + " when someone saved since.",
              "owner, editor",
              "Draft",
              "201"),
          new Operation(
              "post", WS + "/manuals/{manual}/publish",
              "Publish revision `revision` (the latest), `minor` for a typo fix.", "owner, editor",
              "Publish", "200"),
          new Operation(
              "get",
              WS + "/manuals/{manual}/procedures",
              "Published procedures with the version to acknowledge and the caller's standing.",
              "member",
              null,
              "200"),
          new Operation(
              "post",
              WS + "/acknowledgements",
              "Acknowledge procedure versions: {\"versions\": [versionId, …]}.",
              "assistant, editor",
              "Acknowledge",
              "200"),
          new Operation(
              "get",
              WS + "/dashboard",
              "Who has read what: assistants × procedures.",
              "owner, editor",
              null,
              "200"),
          new Operation("get", "/api/v1/openapi.json", "This description.", "anyone", null, "200"));

  @Override
  public void register(Router router) {
    router.get("/api/v1/openapi.json", Router.Need.PUBLIC, this::document);
  }

  /** Method and path of every operation described, e.g. "GET /api/v1/me". */
  public static List<String> described() {
    return OPERATIONS.stream().map(o -> o.method().toUpperCase() + " " + o.path()).toList();
  }

  private void document(Context ctx) {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Operation operation : OPERATIONS) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(operation.path(), p -> new LinkedHashMap<>());
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("summary", operation.summary());
      op.put("description", "Who may call it: " + operation.roles() + ".");
      List<Map<String, Object>> parameters =
          java.util.regex.Pattern.compile("\\{(\\w+)}")
              .matcher(operation.path())
              .results()
              .map(
                  m ->
                      Map.<String, Object>of(
                          "name",
                          m.group(1),
                          "in",
                          "path",
                          "required",
                          true,
                          "schema",
                          Map.of("type", "string")))
              .toList();
      if (!parameters.isEmpty()) {
        op.put("parameters", parameters);
      }
      if (operation.body() != null) {
        op.put(
            "requestBody",
            Map.of(
                "required",
                true,
                "content",
                Map.of(
                    "application/json",
                    Map.of("schema", Map.of("$ref", "#/components/schemas/" + operation.body())))));
      }
      op.put(
          "responses",
          Map.of(
              operation.success(),
              Map.of("description", "Success (JSON)."),
              "default",
              Map.of(
                  "description",
                  "An error: {\"error\": code, \"message\": text}.",
                  "content",
                  Map.of(
                      "application/json",
                      Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))))));
      if (!operation.roles().equals("anyone")) {
        op.put("security", List.of(Map.of("bearer", List.of())));
      }
      item.put(operation.method(), op);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.1.0");
    document.put(
        "info",
        Map.of(
            "title",
            "Vademecum API",
            "version",
            "1",
            "description",
            "Manuals, procedures, acknowledgements and search. Personal tokens are created on"
                + " the account page or with `token create`; the same rights apply as in the"
                + " web pages."));
    document.put("paths", paths);
    document.put(
        "components",
        Map.of(
            "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
            "schemas", schemas()));
    ctx.json(document);
  }

  private static Map<String, Object> schemas() {
    Map<String, Object> text = Map.of("type", "string");
    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put(
        "Error",
        Map.of(
            "type",
            "object",
            "required",
            List.of("error", "message"),
            "properties",
            Map.of(
                "error",
                Map.of(
                    "type",
                    "string",
                    "enum",
                    List.of(
                        "bad_request",
                        "unauthorized",
                        "forbidden",
                        "not_found",
                        "conflict",
                        "gone",
                        "too_large",
                        "too_many_requests",
                        "server_error")),
                "message",
                text,
                "current",
                Map.of("type", "object", "description", "On conflict: the current revision."))));
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("title", text);
    draft.put("language", Map.of("type", "string", "enum", List.of("fr", "en")));
    draft.put("tags", Map.of("type", "array", "items", text));
    draft.put("description", text);
    draft.put("markdown", text);
    draft.put("base", Map.of("type", "integer", "description", "Saving: the revision edited."));
    draft.put("publish", Map.of("type", "boolean"));
    draft.put("minor", Map.of("type", "boolean"));
    draft.put("note", text);
    schemas.put(
        "Draft",
        Map.of("type", "object", "required", List.of("title", "markdown"), "properties", draft));
    schemas.put(
        "Publish",
        Map.of(
            "type",
            "object",
            "required",
            List.of("revision"),
            "properties",
            Map.of("revision", Map.of("type", "integer"), "minor", Map.of("type", "boolean"))));
    schemas.put(
        "Acknowledge",
        Map.of(
            "type",
            "object",
            "required",
            List.of("versions"),
            "properties",
            Map.of("versions", Map.of("type", "array", "items", Map.of("type", "integer")))));
    return schemas;
  }
}
