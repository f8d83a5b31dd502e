package vademecum.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/openapi.json}: the API described for integrators, made from the routes the
 * server registered with their {@link ApiDoc}, and from the records their bodies and answers are
 * ({@link JsonSchemas}). A test validates real answers against it.
 */
public final class OpenApiRoutes implements WebServer.Routes {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

  private Router router;
  private volatile Map<String, Object> document;

  @Override
  public void register(Router router) {
    this.router = router;
    router.get(
        "/api/v1/openapi.json",
        Router.Need.PUBLIC,
        ApiDoc.of("This description.", "anyone", null),
        this::document);
  }

  private void document(Context ctx) {
    // Built at the first request, when every route is registered; the routes never change after.
    if (document == null) {
      document = build(router.routes());
    }
    ctx.json(document);
  }

  static Map<String, Object> build(List<Router.Route> routes) {
    JsonSchemas schemas = new JsonSchemas();
    Map<String, Object> error = schemas.ref(ApiError.class);
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Router.Route route : routes) {
      ApiDoc doc = route.doc();
      if (doc == null) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
      Map<String, Object> operation = new LinkedHashMap<>();
      operation.put("summary", doc.summary());
      operation.put("description", "Who may call it: " + doc.roles() + ".");
      List<Map<String, Object>> parameters =
          PATH_PARAMETER
              .matcher(route.path())
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
              .collect(Collectors.toCollection(ArrayList::new));
      for (String parameter : doc.query()) {
        int colon = parameter.indexOf(':');
        parameters.add(
            Map.of(
                "name",
                parameter.substring(0, colon).strip(),
                "in",
                "query",
                "required",
                false,
                "description",
                parameter.substring(colon + 1).strip(),
                "schema",
                Map.of("type", "string")));
      }
      if (!parameters.isEmpty()) {
        operation.put("parameters", parameters);
      }
      if (doc.body() != null) {
        Map<String, Object> body = schemas.ref(doc.body());
        operation.put(
            "requestBody",
            Map.of(
                "required",
                true,
                "content",
                doc.multipart()
                    ? Map.of("multipart/form-data", Map.of("schema", body))
                    : json(body)));
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      Map<String, Object> success = new LinkedHashMap<>();
      success.put("description", "Success.");
      success.put(
          "content",
          json(doc.answer() == null ? Map.of("type", "object") : schemas.ref(doc.answer())));
      responses.put(String.valueOf(doc.status()), success);
      if (doc.conflict() != null) {
        responses.put(
            "409",
            Map.of(
                "description",
                "Someone saved a newer revision: the current one, to merge with.",
                "content",
                json(schemas.ref(doc.conflict()))));
      }
      responses.put(
          "default",
          Map.of(
              "description",
              "An error: a stable code, a sentence, and for invalid input the fields at fault.",
              "content",
              json(error)));
      operation.put("responses", responses);
      if (!doc.roles().equals("anyone")) {
        operation.put("security", List.of(Map.of("bearer", List.of())));
      }
      item.put(route.method().toLowerCase(), operation);
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
            "securitySchemes",
            Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
            "schemas",
            schemas.components()));
    return document;
  }

  private static Map<String, Object> json(Map<String, Object> schema) {
    return Map.of("application/json", Map.of("schema", schema));
  }
}
