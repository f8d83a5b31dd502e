package vademecum.testing;

import static vademecum.db.schema.Tables.REMINDER_JOB;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import vademecum.App;
import vademecum.config.Config;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;

/** The whole app on a random port over a fresh database, called over real HTTP. */
public final class TestApp implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery";
  private static final AtomicInteger people = new AtomicInteger();

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
      return start(Scratch.directory("vademecum-test"), TestDatabase.freshUrl(), maxMarkdownBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An app that sends its reminders to this SMTP server. */
  public static TestApp startWithSmtp(String smtpUrl) {
    // Links in the mails name the address people know.
    return startWith(
        Map.of("VADEMECUM_BASE_URL", "http://localhost:7070", "VADEMECUM_SMTP_URL", smtpUrl));
  }

  /** An app behind a reverse proxy at these addresses, whose X-Forwarded-For it believes. */
  public static TestApp startBehindProxy(String trustedProxies) {
    return startWith(Map.of("VADEMECUM_TRUSTED_PROXIES", trustedProxies));
  }

  /** An app with these settings changed from the tests' usual ones. */
  public static TestApp startWith(Map<String, String> changes) {
    try {
      var settings = TestSettings.of(Scratch.directory("vademecum-test"), TestDatabase.freshUrl());
      settings.putAll(changes);
      return new TestApp(App.start(TestSettings.config(settings)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An app on a given data directory and database, to restart it on the same state. */
  public static TestApp start(Path data, String databaseUrl) {
    return start(data, databaseUrl, Config.DEFAULT_MAX_MARKDOWN_BYTES);
  }

  /** A node as deployed: on a shared database, loading the samples if it finds it empty. */
  public static TestApp startNode(Path data, String databaseUrl) {
    var settings = TestSettings.of(data, databaseUrl);
    settings.put("VADEMECUM_SAMPLES", "true");
    return new TestApp(App.start(TestSettings.config(settings)));
  }

  private static TestApp start(Path data, String databaseUrl, int maxMarkdownBytes) {
    var settings = TestSettings.of(data, databaseUrl);
    settings.put("VADEMECUM_MAX_MARKDOWN_BYTES", String.valueOf(maxMarkdownBytes));
    return new TestApp(App.start(TestSettings.config(settings)));
  }

  public App app() {
    return app;
  }

  public Workspace workspace(String slug) {
    return app.services().workspaces().getOrCreate(slug, "Workspace " + slug);
  }

  /**
   * A new account with {@link #PASSWORD}, member of the workspace with the role (if given), whose
   * interface is in English (tests read English pages unless they ask for French).
   */
  public Account account(Workspace workspace, Role role) {
    return account(workspace, role, "en");
  }

  public Account account(Workspace workspace, Role role, String language) {
    String email = "person" + people.incrementAndGet() + "@test.example";
    Account account =
        app.services().accounts().create(email, "Person " + email, language, PASSWORD, false, null);
    if (workspace != null) {
      app.services()
          .memberships()
          .addMember(workspace, account.id(), role, Actor.SYSTEM.accountId());
    }
    return account;
  }

  /** A signed-in browser of a new member with that role. */
  public Browser signedIn(Workspace workspace, Role role) {
    Account account = account(workspace, role);
    Browser browser = browser();
    browser.login(account.email(), PASSWORD);
    return browser.ready();
  }

  /** A manual in English written and published by the system, as an import would. */
  /** An English manual, published. */
  public void publish(Workspace workspace, String title, String markdown) {
    publish(workspace, title, "en", markdown);
  }

  /** A manual in {@code language} ("fr", "en"), published without tags or description. */
  /** The workspace's reminder jobs not done yet. */
  public int pendingReminderJobs(Workspace workspace) {
    return app.services()
        .database()
        .dsl()
        .fetchCount(
            REMINDER_JOB,
            REMINDER_JOB.WORKSPACE_ID.eq(workspace.id()).and(REMINDER_JOB.DONE_AT.isNull()));
  }

  public void publish(Workspace workspace, String title, String language, String markdown) {
    app.services()
        .manuals()
        .create(
            workspace,
            new Draft(title, language, List.of(), "", markdown, null, "", false, true),
            null,
            Actor.SYSTEM);
  }

  public Browser browser() {
    return new Browser(url(""));
  }

  public String url(String path) {
    return "http://localhost:" + app.port() + path;
  }

  /** A bare request: no cookie, no token. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
  }

  public HttpResponse<String> getWithBearer(String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  /** A JSON API call: with a bearer token unless null, with a JSON body unless null. */
  public HttpResponse<String> api(String token, String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return send(request.build());
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

  @Override
  public void close() {
    app.close();
  }
}
