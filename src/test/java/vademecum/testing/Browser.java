package vademecum.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser over real HTTP: keeps cookies, sends the page's CSRF token with its forms like
 * a real form would, and never follows redirects (tests look at them).
 */
public final class Browser {
  private static final Pattern META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern HIDDEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern FORM =
      Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);

  private final String base;
  private final CookieManager cookies;
  private final HttpClient http;
  private String csrf = "";
  private final Map<String, String> formTokens = new HashMap<>();

  public Browser(String base) {
    this(base, new CookieManager());
  }

  private Browser(String base, CookieManager cookies) {
    this.base = base;
    this.cookies = cookies;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The same browser talking to another node behind the load balancer: same cookies, same CSRF
   * token.
   */
  public Browser onNode(String otherBase) {
    Browser other = new Browser(otherBase, cookies);
    other.csrf = csrf;
    return other;
  }

  public HttpResponse<String> get(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    rememberToken(response.body());
    return response;
  }

  /** A GET whose answer is bytes (an image), with extra request headers. */
  public HttpResponse<byte[]> getBytes(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    fixedHeaders.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts a form with the CSRF token of the last page seen, as the browser would. */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", formTokens.getOrDefault(path, csrf));
    form.putAll(fields);
    return postRaw(path, encode(form), Map.of());
  }

  public HttpResponse<String> postRaw(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response = send(request);
    rememberToken(response.body());
    return response;
  }

  /** Signs in through the form; on success the session's CSRF token is picked up. */
  public HttpResponse<String> login(String email, String password) {
    get("/login");
    HttpResponse<String> response = post("/login", Map.of("email", email, "password", password));
    if (response.statusCode() == 303) {
      get("/account");
    }
    return response;
  }

  public String csrf() {
    return csrf;
  }

  /** Ensures a CSRF token is known, loading a page that carries one. */
  public Browser ready() {
    if (csrf.isEmpty()) {
      get("/account");
    }
    return this;
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /**
   * Plants a cookie as a server would have set it (CookieManager files a host without a dot under
   * "host.local"), replacing any cookie of that name.
   */
  public void setCookie(String name, String value) {
    var store = cookies.getCookieStore();
    store.getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .toList()
        .forEach(c -> store.remove(null, c));
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookie.setDomain("localhost.local");
    store.add(URI.create(base), cookie);
  }

  public static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /**
   * Like a real form would: a post to an action found on the last page carries that form's own
   * hidden token; anything else carries the page's token (meta tag or first form).
   */
  private void rememberToken(String body) {
    Matcher meta = META.matcher(body);
    Matcher hidden = HIDDEN.matcher(body);
    String pageToken = meta.find() ? meta.group(1) : hidden.find() ? hidden.group(1) : null;
    if (pageToken == null) {
      return;
    }
    csrf = pageToken;
    formTokens.clear();
    Matcher form = FORM.matcher(body);
    while (form.find()) {
      Matcher field = HIDDEN.matcher(form.group(2));
      if (field.find()) {
        formTokens.put(form.group(1), field.group(1));
      }
    }
  }

  /**
   * Posts a multipart form with one file, as a file input would, carrying the form's CSRF token
   * like {@link #post}.
   */
  public HttpResponse<String> upload(
      String path, String fileName, byte[] content, Map<String, String> fields) {
    return upload(path, fileName, content, fields, "text/html");
  }

  /** An upload as a script sends it, asking for this type of answer. */
  public HttpResponse<String> upload(
      String path, String fileName, byte[] content, Map<String, String> fields, String accept) {
    String boundary = "----vademecum" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("_csrf", formTokens.getOrDefault(path, csrf));
    all.putAll(fields);
    try {
      for (var field : all.entrySet()) {
        body.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + field.getKey()
                    + "\"\r\n\r\n"
                    + field.getValue()
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + fileName
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(content);
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    rememberToken(response.body());
    return response;
  }

  /** A header this browser sends with every request (a proxy's X-Forwarded-For, say). */
  public Browser always(String name, String value) {
    fixedHeaders.put(name, value);
    return this;
  }

  private final Map<String, String> fixedHeaders = new LinkedHashMap<>();

  private HttpResponse<String> send(HttpRequest.Builder request) {
    fixedHeaders.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
