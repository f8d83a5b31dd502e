package vademecum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vademecum.db.DatabaseSecret;
import vademecum.testing.Scratch;
import vademecum.testing.ServerProcess;

/**
 * Kills the server with SIGKILL at random moments under write load, restarts it, and checks that
 * nothing it acknowledged was lost: every save and publish answered 2xx is in the database, every
 * acknowledgement answered 2xx is recorded, revision numbers have no gap, and the search index
 * finds the last published text of each manual within 5 s of the restart.
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.CrashLoop
 * -Dexec.args=20 (number of kills)
 */
public final class CrashLoop {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WS = "cabinet-moreau";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  record Saved(String slug, int revision, String marker) {}

  public static void main(String[] args) throws Exception {
    int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path data = Scratch.directory("vademecum-crash");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String base = "http://localhost:" + port;
    List<Saved> saved = new CopyOnWriteArrayList<>();
    List<long[]> acknowledged = new CopyOnWriteArrayList<>(); // {versionId}
    Map<String, Saved> lastPublished = new ConcurrentHashMap<>();
    Map<String, String> logins = new ConcurrentHashMap<>();
    String editorToken = null;
    String assistantToken = null;
    List<Long> indexDelays = new ArrayList<>();
    int lost = 0;
    Random random = new Random(42);
    for (int round = 0; round <= kills; round++) {
      ServerProcess server = ServerProcess.start(data, port, null, List.of());
      rememberLogins(server.output(), logins);
      if (editorToken == null) {
        editorToken = token(base, logins.get("editor"), logins.get("editor.password"));
        assistantToken = token(base, logins.get("assistant"), logins.get("assistant.password"));
        for (int w = 0; w < 4; w++) {
          api(
              base,
              editorToken,
              "POST",
              "/api/v1/workspaces/" + WS + "/manuals",
              "{\"title\":\"Crash "
                  + w
                  + "\",\"language\":\"fr\",\"markdown\":\"## Étape {#etape}\\nDébut.\\n\",\"publish\":true}");
        }
      }
      // What was acknowledged before the last kill must all be there.
      lost += verify(data, saved, acknowledged);
      long started = System.nanoTime();
      // The index must show what the database holds now: the published text of each manual
      // (which may be a save whose answer the kill swallowed, newer than the last one recorded).
      for (String slug : lastPublished.keySet()) {
        String current =
            JSON.readTree(
                    api(
                            base,
                            assistantToken,
                            "GET",
                            "/api/v1/workspaces/" + WS + "/manuals/" + slug,
                            null)
                        .body())
                .path("markdown")
                .asText();
        Matcher marker = Pattern.compile("marqueur\\w+").matcher(current);
        if (!marker.find()) {
          continue;
        }
        while (!found(base, assistantToken, marker.group())) {
          if (System.nanoTime() - started > 60_000_000_000L) {
            System.out.printf(
                "   index: %s (published in the database) never found%n", marker.group());
            lost++;
            break;
          }
          Thread.sleep(50);
        }
      }
      long caughtUp = (System.nanoTime() - started) / 1_000_000;
      if (caughtUp > 5000) {
        System.out.printf("   index: caught up only after %d ms%n", caughtUp);
        lost++;
      }
      indexDelays.add((System.nanoTime() - started) / 1_000_000);
      if (round == kills) {
        server.terminate(60); // SIGTERM, the normal way
        break;
      }
      // Write load, then SIGKILL at a random moment.
      long killAt = System.nanoTime() + (1500 + random.nextInt(3500)) * 1_000_000L;
      List<Thread> writers = new ArrayList<>();
      String editor = editorToken;
      String assistant = assistantToken;
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(
            Thread.ofPlatform()
                .start(
                    () ->
                        write(
                            base, editor, assistant, writer, saved, acknowledged, lastPublished)));
      }
      while (System.nanoTime() < killAt) {
        Thread.sleep(20);
      }
      server.kill(); // SIGKILL
      for (Thread writer : writers) {
        writer.join();
      }
      System.out.printf(
          "kill %2d: %d saves and %d acknowledgements answered 2xx so far%n",
          round + 1, saved.size(), acknowledged.size());
    }
    System.out.printf(
        "%n%d kills, %d saves and %d acknowledgements answered 2xx, %d lost; index caught up within %s ms after each restart%n",
        kills, saved.size(), acknowledged.size(), lost, indexDelays);
    System.exit(lost == 0 ? 0 : 1);
  }

  /** The demo logins a first start prints: role, e-mail, password. */
  private static void rememberLogins(String output, Map<String, String> logins) {
    Pattern login = Pattern.compile("^\\s+(\\w+)\\s+(\\S+@\\S+)\\s+(\\S+)$");
    for (String line : output.split("\n")) {
      Matcher m = login.matcher(line);
      if (m.matches()) {
        logins.putIfAbsent(m.group(1), m.group(2));
        logins.putIfAbsent(m.group(1) + ".password", m.group(3));
      }
    }
  }

  /** Signs in through the form and creates a personal API token on the account page. */
  private static String token(String base, String email, String password) throws Exception {
    var cookies = new CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    String form =
        client
            .send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
    csrf.find();
    client.send(
        HttpRequest.newBuilder(URI.create(base + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "_csrf="
                        + enc(csrf.group(1))
                        + "&email="
                        + enc(email)
                        + "&password="
                        + enc(password)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    String account =
        client
            .send(
                HttpRequest.newBuilder(URI.create(base + "/account")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher meta = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(account);
    meta.find();
    String page =
        client
            .send(
                HttpRequest.newBuilder(URI.create(base + "/account/tokens"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "_csrf=" + enc(meta.group(1)) + "&name=crash"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher token = Pattern.compile("vdm_[A-Za-z0-9_-]+").matcher(page);
    if (!token.find()) {
      throw new IllegalStateException("no token for " + email);
    }
    return token.group();
  }

  private static HttpResponse<String> api(
      String base, String token, String method, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Saves and publishes, acknowledges; records only what was answered 2xx. */
  private static void write(
      String base,
      String editor,
      String assistant,
      int writer,
      List<Saved> saved,
      List<long[]> acknowledged,
      Map<String, Saved> lastPublished) {
    String slug = "crash-" + writer;
    try {
      int revision =
          JSON.readTree(
                  api(base, editor, "GET", "/api/v1/workspaces/" + WS + "/manuals/" + slug, null)
                      .body())
              .path("latestRevision")
              .asInt();
      for (int i = 0; ; i++) {
        String marker = "marqueur" + writer + "x" + System.nanoTime();
        HttpResponse<String> response =
            api(
                base,
                editor,
                "POST",
                "/api/v1/workspaces/" + WS + "/manuals/" + slug + "/revisions",
                "{\"base\":"
                    + revision
                    + ",\"title\":\"Crash "
                    + writer
                    + "\",\"language\":\"fr\",\"markdown\":\"## Étape {#etape}\\nTexte "
                    + marker
                    + ".\\n\",\"publish\":true}");
        if (response.statusCode() == 201) {
          JsonNode body = JSON.readTree(response.body());
          revision = body.path("revision").asInt();
          Saved done = new Saved(slug, revision, marker);
          saved.add(done);
          lastPublished.put(slug, done);
        }
        if (i % 3 == 0) {
          JsonNode procedures =
              JSON.readTree(
                  api(
                          base,
                          assistant,
                          "GET",
                          "/api/v1/workspaces/" + WS + "/manuals/" + slug + "/procedures",
                          null)
                      .body());
          long version = procedures.path("procedures").path(0).path("versionId").asLong();
          HttpResponse<String> ack =
              api(
                  base,
                  assistant,
                  "POST",
                  "/api/v1/workspaces/" + WS + "/acknowledgements",
                  "{\"versions\":[" + version + "]}");
          if (ack.statusCode() == 200) {
            acknowledged.add(new long[] {version});
          }
        }
      }
    } catch (Exception e) {
      // the server was killed: this writer stops until the next round
    }
  }

  /** Counts what was acknowledged but is not in the database, and revision gaps. */
  private static int verify(Path data, List<Saved> saved, List<long[]> acknowledged)
      throws Exception {
    List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
    String url = "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/vademecum";
    int lost = 0;
    String password = DatabaseSecret.read(data).appPassword();
    try (Connection db = DriverManager.getConnection(url, DatabaseSecret.APP_ROLE, password)) {
      for (Saved s : saved) {
        try (var query =
            db.prepareStatement(
                "select count(*) from revision r join manual m on m.id = r.manual_id join publication p on p.revision_id = r.id where m.slug = ? and r.number = ?")) {
          query.setString(1, s.slug());
          query.setInt(2, s.revision());
          try (ResultSet rows = query.executeQuery()) {
            rows.next();
            if (rows.getInt(1) == 0) {
              System.out.printf("   lost: %s revision %d%n", s.slug(), s.revision());
              lost++;
            }
          }
        }
      }
      for (long[] a : acknowledged) {
        try (var query =
            db.prepareStatement(
                "select count(*) from acknowledgement where procedure_version_id = ?")) {
          query.setLong(1, a[0]);
          try (ResultSet rows = query.executeQuery()) {
            rows.next();
            if (rows.getInt(1) == 0) {
              System.out.printf("   lost: acknowledgement of version %d%n", a[0]);
              lost++;
            }
          }
        }
      }
      try (ResultSet gaps =
          db.createStatement()
              .executeQuery(
                  "select manual_id from revision group by manual_id having count(*) <> max(number)")) {
        while (gaps.next()) {
          System.out.printf("   gap in the revisions of manual %d%n", gaps.getLong(1));
          lost++;
        }
      }
    }
    return lost;
  }

  private static boolean found(String base, String token, String marker) throws Exception {
    HttpResponse<String> response =
        api(base, token, "GET", "/api/v1/search?limit=1&q=" + enc(marker), null);
    return response.statusCode() == 200 && JSON.readTree(response.body()).path("total").asInt() > 0;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
