package vademecum.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jetty answers for a request it refuses before any route sees it: an address it cannot decode
 * ({@code /w/%00}, {@code /%2e%2e/}), headers larger than its buffer (a browser carrying too many
 * cookies gets a 431). Its own page names the server and, in JSON clients, is HTML. This one says
 * what happened in both languages (the request could not be read far enough to know the person's),
 * and is JSON with our error codes for the API.
 */
final class ProtocolErrors extends ErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(ProtocolErrors.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String reason,
      Throwable cause,
      Callback callback) {
    log.info("Refused before routing: {} {} ({})", status, reason, request.getHttpURI());
    var headers = response.getHeaders();
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put(new HttpField("Content-Security-Policy", WebServer.CSP));
    headers.put(new HttpField("X-Content-Type-Options", "nosniff"));
    headers.put(new HttpField("X-Frame-Options", "DENY"));
    byte[] body;
    if (wantsJson(request)) {
      headers.put(HttpHeader.CONTENT_TYPE, "application/json");
      body = json(status);
    } else {
      headers.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
      body = html(status);
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** API clients: their path, or an Accept that asks for JSON and not HTML. */
  private static boolean wantsJson(Request request) {
    String path = request.getHttpURI().getPath();
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return (path != null && path.startsWith("/api/"))
        || (accept != null && accept.contains("json") && !accept.contains("html"));
  }

  static String english(int status) {
    return switch (status) {
      case 431 ->
          "This request's headers are too large, most often because of too many cookies: clear"
              + " this site's cookies and try again.";
      case 400 -> "This address or request could not be read (a character that is not allowed?).";
      default -> "This request was refused (" + status + ").";
    };
  }

  static String french(int status) {
    return switch (status) {
      case 431 ->
          "Les en-têtes de cette requête sont trop grands, le plus souvent à cause de cookies trop"
              + " nombreux : effacez les cookies de ce site puis réessayez.";
      case 400 ->
          "Cette adresse ou cette requête n'a pas pu être lue (un caractère non autorisé ?).";
      default -> "Cette requête a été refusée (" + status + ").";
    };
  }

  private static byte[] json(int status) {
    try {
      return JSON.writeValueAsBytes(new ApiError(ApiError.Code.of(status), english(status), null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] html(int status) {
    String page =
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>%d · Vademecum</title>
        </head>
        <body>
          <main>
            <p>%d</p>
            <h1>Requête refusée</h1>
            <p>%s</p>
            <p><a href="/">Retour à l'accueil</a></p>
            <div lang="en">
              <h1>Request refused</h1>
              <p>%s</p>
              <p><a href="/">Back to the start page</a></p>
            </div>
          </main>
        </body>
        </html>
        """
            .formatted(status, status, french(status), english(status));
    return page.getBytes(StandardCharsets.UTF_8);
  }
}
