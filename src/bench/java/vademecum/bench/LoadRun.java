package vademecum.bench;

import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vademecum.App;
import vademecum.config.Config;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Scratch;
import vademecum.workspace.DemoAccounts;

/**
 * The app under a mixed load over real HTTP, client and server on this machine: 60 % searches (the
 * as-you-type fragment), 25 % manual pages, 10 % acknowledgements, 5 % saves that publish. Then
 * page views alone, then a bare Javalin "hello" route as the machine's ceiling. The app runs as in
 * production: embedded PostgreSQL with fsync on, sample manuals, signed-in sessions.
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.LoadRun
 * -Dexec.args="32 60 300" (virtual users, seconds)
 */
public final class LoadRun {
  private static final String WS = "cabinet-moreau";
  private static final List<String> MANUALS =
      List.of(
          "prise-de-rendez-vous",
          "rapprochement-bancaire",
          "reservation-de-voyages",
          "social-media-posting",
          "tri-des-e-mails");
  private static final List<String> QUERIES =
      List.of(
          "vol",
          "reserver un vol",
          "facture",
          "rendez-vous client",
          "releve bancaire",
          "hotel",
          "publication linkedin",
          "e-mail urgent",
          "agenda",
          "note de frais",
          "train sncf",
          "rapprocher",
          "visio",
          "qonto",
          "pennylane",
          "annuler");
  private static final Pattern META_CSRF =
      Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
  private static final Pattern BASE = Pattern.compile("name=\"base\" value=\"(\\d+)\"");

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    System.out.printf(
        "machine: %d cores, Java %s; %d virtual users, %d s; server and client in this process%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        users,
        seconds);
    Path data = Scratch.directory("vademecum-load");
    // Samples loaded, background queues as in production.
    Config config =
        Config.fromEnvironment(
            Map.of(
                "VADEMECUM_PORT", "0",
                "VADEMECUM_DATA", data.toString(),
                "VADEMECUM_BASE_URL", "http://localhost"));
    try (App app = App.start(config)) {
      int port = app.port();
      Workspace workspace = app.services().workspaces().findBySlug(WS).orElseThrow();
      for (int i = 0; i < users; i++) {
        app.services()
            .manuals()
            .create(
                workspace,
                new Draft(
                    "Charge " + i,
                    "fr",
                    List.of(),
                    "",
                    "## Étape {#etape}\nTexte 0.\n",
                    null,
                    "",
                    false,
                    true),
                null,
                Actor.SYSTEM);
      }
      String editor = login(app, "editor");
      while (app.searchIndex().documentCount() == 0) {
        Thread.sleep(100);
      }
      // Each virtual user is an assistant of its own, as in a real team.
      List<Session> readers = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        var account =
            app.services()
                .accounts()
                .create(
                    "load" + i + "@test.example", "Assistant " + i, "fr", PASSWORD, false, null);
        app.services()
            .memberships()
            .addMember(workspace, account.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
        readers.add(Session.signIn(port, account.email(), PASSWORD));
      }
      Session writer = Session.signIn(port, editor, password(app, editor));
      List<String> versions = versions(port, readers.get(0));
      System.out.println("\n== warm-up 15 s");
      mixed(port, users, 15, readers, writer, versions, 0);
      if ("pages".equals(System.getProperty("load.only"))) {
        // For a profiler: the page-view phase alone, longer.
        System.out.println("\n== manual pages only, 60 s");
        pagesOnly(port, users, 60, readers.get(0)).print();
        System.exit(0);
      }
      System.out.printf("%n== mixed load at %d requests/s, %d s%n", rate, seconds);
      mixed(port, users, seconds, readers, writer, versions, rate).print();
      System.out.printf("%n== mixed load, users sending back to back (saturation), 30 s%n");
      mixed(port, users, 30, readers, writer, versions, 0).print();
      System.out.println("\n== manual pages only, 20 s");
      Result pages = pagesOnly(port, users, 20, readers.get(0));
      pages.print();
      System.out.println("\n== bare Javalin \"hello\" route, 20 s (the machine's ceiling)");
      Result hello = hello(users, 20);
      hello.print();
      System.out.printf(
          "%nratio to the ceiling: page views %.0f %%%n",
          100.0 * pages.throughput() / hello.throughput());
    }
    System.exit(0);
  }

  private static String login(App app, String role) {
    return app.demoLogins().stream()
        .filter(l -> l.role().equals(role))
        .findFirst()
        .orElseThrow()
        .email();
  }

  private static String password(App app, String email) {
    return app.demoLogins().stream()
        .filter(l -> l.email().equals(email))
        .map(DemoAccounts.Login::password)
        .findFirst()
        .orElseThrow();
  }

  /** A signed-in browser's cookies and form token. */
  record Session(String cookie, String csrf) {
    static Session signIn(int port, String email, String password) throws Exception {
      try (RawHttp http = new RawHttp("localhost", port)) {
        RawHttp.Response form = http.get("/login");
        String pre =
            form.setCookies().stream()
                .filter(c -> c.startsWith("vd_pre="))
                .findFirst()
                .orElseThrow();
        Matcher token = HIDDEN_CSRF.matcher(form.text());
        token.find();
        String body =
            "_csrf="
                + enc(token.group(1))
                + "&email="
                + enc(email)
                + "&password="
                + enc(password)
                + "&next=%2F";
        RawHttp.Response signedIn =
            http.send(
                "POST",
                "/login",
                body.getBytes(StandardCharsets.UTF_8),
                "Cookie: " + pre,
                "Content-Type: application/x-www-form-urlencoded");
        String session =
            signedIn.setCookies().stream()
                .filter(c -> c.startsWith("vd_session="))
                .findFirst()
                .orElseThrow(
                    () -> new IllegalStateException("sign-in failed: " + signedIn.status()));
        Matcher csrf = META_CSRF.matcher(http.get("/account", "Cookie: " + session).text());
        csrf.find();
        return new Session(session, csrf.group(1));
      }
    }
  }

  record Result(
      Map<String, Latencies> byRoute,
      AtomicInteger errors,
      AtomicInteger conflicts,
      double seconds) {
    double throughput() {
      return byRoute.values().stream().mapToInt(Latencies::count).sum() / seconds;
    }

    void print() {
      System.out.printf(
          "   %.0f requests/s in all, %d errors, %d save conflicts (409, expected between editors)%n",
          throughput(), errors.get(), conflicts.get());
      Latencies all = new Latencies();
      byRoute.forEach(
          (route, l) -> {
            all.addAll(l);
            System.out.printf(
                "   %-28s %6d   p50 %7.2f ms   p95 %7.2f ms   p99 %7.2f ms%n",
                route,
                l.count(),
                l.percentileMillis(50),
                l.percentileMillis(95),
                l.percentileMillis(99));
          });
      System.out.printf(
          "   %-28s %6d   p50 %7.2f ms   p95 %7.2f ms   p99 %7.2f ms%n",
          "all",
          all.count(),
          all.percentileMillis(50),
          all.percentileMillis(95),
          all.percentileMillis(99));
    }
  }

  private static final String PASSWORD = "load test password";

  /** The procedure versions of the sample manuals, read once from their pages. */
  private static List<String> versions(int port, Session reader) throws Exception {
    List<String> versions = new ArrayList<>();
    try (RawHttp http = new RawHttp("localhost", port)) {
      for (String manual : MANUALS) {
        Matcher version =
            VERSION.matcher(
                http.get("/w/" + WS + "/m/" + manual, "Cookie: " + reader.cookie()).text());
        while (version.find()) {
          versions.add(version.group(1));
        }
      }
    }
    return versions;
  }

  private static Result mixed(
      int port,
      int users,
      int seconds,
      List<Session> readers,
      Session writer,
      List<String> versions,
      int rate)
      throws InterruptedException {
    // rate 0: each user sends again as soon as answered (saturation). Otherwise the users share
    // `rate` requests per second on a schedule, and latency counts from when a request was due.
    long interval = rate == 0 ? 0 : users * 1_000_000_000L / rate;
    long start = System.nanoTime();
    Map<String, Latencies> byRoute = new ConcurrentHashMap<>();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int user = u;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Random random = new Random(user);
                    Session reader = readers.get(user);
                    int base = -1;
                    long due = start + interval * user / Math.max(1, users);
                    try (RawHttp http = new RawHttp("localhost", port)) {
                      while (System.nanoTime() < end) {
                        if (interval > 0) {
                          long wait = due - System.nanoTime();
                          if (wait > 0) {
                            LockSupport.parkNanos(wait);
                          }
                        }
                        int dice = random.nextInt(100);
                        long t = interval > 0 ? due : System.nanoTime();
                        due += interval;
                        String route;
                        int status;
                        if (dice < 60) {
                          route = "GET /search/results";
                          String q = QUERIES.get(random.nextInt(QUERIES.size()));
                          status =
                              http.get("/search/results?q=" + enc(q), "Cookie: " + reader.cookie())
                                  .status();
                        } else if (dice < 85) {
                          route = "GET /w/…/m/{manual}";
                          status =
                              http.get(manualPath(random), "Cookie: " + reader.cookie()).status();
                        } else if (dice < 95) {
                          route = "POST /w/…/acknowledge";
                          // Pressing again on a procedure already read records nothing new,
                          // like a double click: the request is served all the same.
                          String versionId = versions.get(random.nextInt(versions.size()));
                          String body =
                              "_csrf=" + enc(reader.csrf()) + "&version=" + versionId + "&next=%2F";
                          status =
                              http.send(
                                      "POST",
                                      "/w/" + WS + "/acknowledge",
                                      body.getBytes(StandardCharsets.UTF_8),
                                      "Cookie: " + reader.cookie(),
                                      "Content-Type: application/x-www-form-urlencoded")
                                  .status();
                        } else {
                          route = "POST /w/…/m/{manual} (publish)";
                          String slug = "charge-" + user;
                          if (base < 0) {
                            Matcher b =
                                BASE.matcher(
                                    http.get(
                                            "/w/" + WS + "/m/" + slug + "/edit",
                                            "Cookie: " + writer.cookie())
                                        .text());
                            base = b.find() ? Integer.parseInt(b.group(1)) : 1;
                            t = interval > 0 ? t : System.nanoTime();
                          }
                          String body =
                              "_csrf="
                                  + enc(writer.csrf())
                                  + "&title="
                                  + enc("Charge " + user)
                                  + "&language=fr&markdown="
                                  + enc("## Étape {#etape}\nTexte " + t + ".\n")
                                  + "&base="
                                  + base
                                  + "&action=publish";
                          status =
                              http.send(
                                      "POST",
                                      "/w/" + WS + "/m/" + slug,
                                      body.getBytes(StandardCharsets.UTF_8),
                                      "Cookie: " + writer.cookie(),
                                      "Content-Type: application/x-www-form-urlencoded")
                                  .status();
                          if (status == 303) {
                            base++;
                          } else if (status == 409) {
                            conflicts.incrementAndGet();
                            base = -1;
                            status = 303;
                          }
                        }
                        long took = System.nanoTime() - t;
                        boolean ok = status == 200 || status == 303;
                        if (!ok) {
                          errors.incrementAndGet();
                        }
                        byRoute.computeIfAbsent(route, r -> new Latencies()).add(took);
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                      System.err.println("virtual user " + user + " stopped: " + e);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result(byRoute, errors, conflicts, seconds);
  }

  private static String manualPath(Random random) {
    return "/w/" + WS + "/m/" + MANUALS.get(random.nextInt(MANUALS.size()));
  }

  private static Result pagesOnly(int port, int users, int seconds, Session reader)
      throws InterruptedException {
    return hammer(
        port,
        users,
        seconds,
        random -> manualPath(random),
        200,
        "GET /w/…/m/{manual}",
        "Cookie: " + reader.cookie());
  }

  private static Result hello(int users, int seconds) throws InterruptedException {
    Javalin hello =
        Javalin.create(
                config -> {
                  config.concurrency.useVirtualThreads = true;
                  config.startup.showJavalinBanner = false;
                  config.routes.get("/hello", ctx -> ctx.result("hello"));
                })
            .start(0);
    try {
      return hammer(
          hello.port(), users, seconds, random -> "/hello", 200, "GET /hello", "Accept: */*");
    } finally {
      hello.stop();
    }
  }

  /**
   * {@code users} connections sending requests back to back for {@code seconds}; an answer other
   * than {@code expected} counts as an error.
   */
  static Result hammer(
      int port,
      int users,
      int seconds,
      Function<Random, String> path,
      int expected,
      String route,
      String... headers)
      throws InterruptedException {
    Latencies latencies = new Latencies();
    AtomicInteger errors = new AtomicInteger();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int user = u;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    Random random = new Random(user);
                    Latencies mine = new Latencies();
                    try (RawHttp http = new RawHttp("localhost", port)) {
                      while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        if (http.get(path.apply(random), headers).status() != expected) {
                          errors.incrementAndGet();
                        }
                        mine.add(System.nanoTime() - t);
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                    }
                    latencies.addAll(mine);
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result(Map.of(route, latencies), errors, new AtomicInteger(), seconds);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
