package vademecum.web;

import java.util.List;

/**
 * What the OpenAPI document says about one API route, declared with the route itself ({@link
 * Router#get(String, Router.Need, ApiDoc, io.javalin.http.Handler)}), so a route cannot be added
 * without its description and the description cannot name a route that does not exist. Bodies and
 * answers are records: {@link JsonSchemas} describes them from their components, and Jackson writes
 * and reads the same components.
 *
 * @param roles who may call it, in words
 * @param status the status of a successful answer
 * @param answer the successful answer, null for a document of its own (the OpenAPI description)
 * @param body the request body, null when there is none
 * @param conflict the body of a 409, when the route answers one with more than {@link ApiError}
 * @param multipart whether the body is a multipart form (an upload) rather than JSON
 * @param query the query parameters it reads, each optional, as "name: what it does"
 */
public record ApiDoc(
    String summary,
    String roles,
    int status,
    Class<? extends Record> answer,
    Class<? extends Record> body,
    Class<? extends Record> conflict,
    boolean multipart,
    List<String> query) {

  public static ApiDoc of(String summary, String roles, Class<? extends Record> answer) {
    return new ApiDoc(summary, roles, 200, answer, null, null, false, List.of());
  }

  public ApiDoc withBody(Class<? extends Record> type) {
    return new ApiDoc(summary, roles, status, answer, type, conflict, false, query);
  }

  /** A multipart form whose fields are the record's components ({@code byte[]} for a file). */
  public ApiDoc withForm(Class<? extends Record> type) {
    return new ApiDoc(summary, roles, status, answer, type, conflict, true, query);
  }

  public ApiDoc withStatus(int code) {
    return new ApiDoc(summary, roles, code, answer, body, conflict, multipart, query);
  }

  public ApiDoc withConflict(Class<? extends Record> type) {
    return new ApiDoc(summary, roles, status, answer, body, type, multipart, query);
  }

  /**
   * The query parameters, each "name: what it does" (a generated client cannot send a parameter the
   * description leaves out: its search sent no {@code q}).
   */
  public ApiDoc withQuery(String... parameters) {
    return new ApiDoc(
        summary, roles, status, answer, body, conflict, multipart, List.of(parameters));
  }
}
