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
    log.info("Refused before routing: {} {} ({})", status, reason, firstSegment(request));
    var headers = response.getHeaders();
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    headers.put(new HttpField("Content-Security-Policy", WebServer.CSP));
    headers.put(new HttpField("X-Content-Type-Options", "nosniff"));
    headers.put(new HttpField("X-Frame-Options", "DENY"));
    headers.put(new HttpField("Referrer-Policy", "same-origin"));
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

  /**
   * The path's first segment only ("/s/…"): the rest may be a share link's, an invitation's or a
   * password reset's secret, which the request log leaves out by logging route templates.
   */
  static String firstSegment(Request request) {
    String path = request.getHttpURI().getPath();
    if (path == null || path.isEmpty()) {
      return "?";
    }
    int second = path.indexOf('/', 1);
    return second < 0 || second == path.length() - 1 ? path : path.substring(0, second + 1) + "…";
  }

  /** API clients: their path, or an Accept that asks for JSON and not HTML. */
  private static boolean wantsJson(Request request) {
    String path = request.getHttpURI().getPath();
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return (path != null && path.startsWith("/api/"))
        || (accept != null && accept.contains("json") && !accept.contains("html"));
  }

  /** What happened, in the interface's messages ({@code error.protocol.*}). */
  static String why(Texts texts, int status) {
    String key = "error.protocol." + status;
    return texts.has(key) ? texts.t(key) : texts.t("error.protocol.other", status);
  }

  private static byte[] json(int status) {
    try {
      return JSON.writeValueAsBytes(
          new ApiError(ApiError.Code.of(status), why(Texts.of("en"), status), null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] html(int status) {
    Texts fr = Texts.of("fr");
    Texts en = Texts.of("en");
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
            <h1>%s</h1>
            <p>%s</p>
            <p><a href="/">%s</a></p>
            <div lang="en">
              <h1>%s</h1>
              <p>%s</p>
              <p><a href="/">%s</a></p>
            </div>
          </main>
        </body>
        </html>
        """
            .formatted(
                status,
                status,
                fr.t("error.other"),
                why(fr, status),
                fr.t("error.backHome"),
                en.t("error.other"),
                why(en, status),
                en.t("error.backHome"));
    return page.getBytes(StandardCharsets.UTF_8);
  }
}
