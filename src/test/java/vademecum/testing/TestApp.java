package vademecum.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import vademecum.App;
import vademecum.Config;

/** The whole app on a random port over a fresh database, called over real HTTP. */
public final class TestApp implements AutoCloseable {
  private final App app;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private TestApp(App app) {
    this.app = app;
  }

  public static TestApp start() {
    return start(Config.DEFAULT_MAX_MARKDOWN_BYTES);
  }

  public static TestApp start(int maxMarkdownBytes) {
    try {
      Path data = Files.createTempDirectory("vademecum-test");
      Config config =
          new Config(
              0,
              data,
              Optional.of(TestDatabase.freshUrl()),
              Optional.of("postgres"),
              Optional.empty(),
              "http://localhost:0",
              maxMarkdownBytes,
              false);
      return new TestApp(App.start(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public App app() {
    return app;
  }

  public String url(String path) {
    return "http://localhost:" + app.port() + path;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
  }

  public HttpResponse<String> post(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return postRaw(path, body);
  }

  public HttpResponse<String> postRaw(String path, String urlEncodedBody) {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(urlEncodedBody))
            .build());
  }

  public static Map<String, String> form(String... keyValues) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      form.put(keyValues[i], keyValues[i + 1]);
    }
    return form;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    app.close();
  }
}
