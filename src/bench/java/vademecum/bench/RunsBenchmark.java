package vademecum.bench;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.run.RunMail;
import vademecum.run.RunRepository;
import vademecum.run.RunSchedules;
import vademecum.run.ScheduleRepository;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/**
 * Issue 27's load: a workspace with 50 procedures scheduled daily for a year (about 18,000 runs,
 * most of them finished), then the pages people open over real HTTP: the runs page, the runs page
 * filtered, a manual's page (which lists each procedure's latest runs), a run's page. Target: p99
 * under 50 ms for the runs page and a procedure's page.
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.RunsBenchmark
 */
public final class RunsBenchmark {
  private static final int MANUALS = 5;
  private static final int PROCEDURES = 10;
  private static final int ROUNDS = 300;

  public static void main(String[] args) throws Exception {
    try (TestApp app = TestApp.start()) {
      var services = app.app().services();
      Workspace workspace = app.workspace("busy");
      Account owner = app.account(workspace, Role.OWNER);
      Account assistant = app.account(workspace, Role.ASSISTANT);
      for (int m = 0; m < MANUALS; m++) {
        StringBuilder markdown = new StringBuilder();
        for (int p = 0; p < PROCEDURES; p++) {
          markdown
              .append("## Procédure ")
              .append(m)
              .append('-')
              .append(p)
              .append(" {#p")
              .append(p)
              .append("}\n\n1. Exporter.\n2. Vérifier.\n3. Pointer.\n4. Envoyer.\n\n");
        }
        services
            .manuals()
            .create(
                workspace,
                new Draft(
                    "Manuel " + m, "fr", List.of(), "", markdown.toString(), null, "", false, true),
                null,
                Actor.SYSTEM);
      }
      long started = System.nanoTime();
      for (int m = 0; m < MANUALS; m++) {
        for (int p = 0; p < PROCEDURES; p++) {
          at(app, LocalDate.of(2026, 1, 1))
              .schedule(
                  workspace,
                  Role.OWNER,
                  new Actor(owner.id(), "Owner"),
                  "manuel-" + m,
                  "p" + p,
                  "daily",
                  "",
                  String.valueOf(assistant.id()),
                  "0");
        }
      }
      // A month at a time: each pass catches up at most 62 runs of a schedule.
      for (LocalDate day = LocalDate.of(2026, 2, 1);
          !day.isAfter(LocalDate.of(2026, 12, 31));
          day = day.plusMonths(1)) {
        at(app, day).createDue();
      }
      at(app, LocalDate.of(2026, 12, 31)).createDue();
      var dsl = services.database().dsl();
      // All but the last three weeks done, one in ten with a problem (set directly: this is the
      // state to read, not a measure of ticking).
      dsl.execute(
          "update run_step set state = case when run_id % 10 = 0 and position = 2 then 'problem'"
              + " else 'done' end, note = case when run_id % 10 = 0 and position = 2 then 'Écart'"
              + " end, changed_at = now() where run_id in (select id from run where due_on <"
              + " '2026-12-10')");
      dsl.execute(
          "update run set finished_at = now(), outcome = case when id % 10 = 0 then 'problems'"
              + " else 'done' end where due_on < '2026-12-10'");
      dsl.execute("analyze");
      int runs = dsl.fetchCount(dsl.selectFrom("run"));
      System.out.printf(
          "%d runs of %d scheduled procedures made in %.1f s%n",
          runs, MANUALS * PROCEDURES, (System.nanoTime() - started) / 1e9);

      Browser browser = app.browser();
      browser.login(assistant.email(), TestApp.PASSWORD);
      long runId =
          new RunRepository().list(dsl, workspace.id(), DSL.noCondition(), 1, 0).get(0).id();
      measure(browser, "runs page (200 open, 100 finished)", "/w/busy/runs");
      measure(
          browser,
          "runs page, problems of one person",
          "/w/busy/runs?state=problems&person=" + assistant.id());
      measure(browser, "a manual's page (latest runs of its 10 procedures)", "/w/busy/m/manuel-0");
      measure(browser, "a run's page", "/w/busy/runs/" + runId);
      long csv = System.nanoTime();
      int bytes = browser.get("/w/busy/runs.csv").body().length();
      System.out.printf(
          "   CSV of every step of the newest 20,000 runs: %.0f ms, %d kB%n",
          (System.nanoTime() - csv) / 1e6, bytes / 1024);
    }
  }

  private static RunSchedules at(TestApp app, LocalDate day) {
    var services = app.app().services();
    return new RunSchedules(
        services.database().dsl(),
        new ScheduleRepository(),
        new RunRepository(),
        services.manuals(),
        services.markdown(),
        new AuditLog(),
        Clock.fixed(day.atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC),
        List.of(),
        new RunMail(Optional.empty(), "http://localhost"));
  }

  private static void measure(Browser browser, String name, String path) {
    for (int i = 0; i < 50; i++) {
      check(browser.get(path).statusCode(), path);
    }
    Latencies latencies = new Latencies();
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      check(browser.get(path).statusCode(), path);
      latencies.add(System.nanoTime() - start);
    }
    System.out.printf("   %-52s %s%n", name, latencies.summary());
  }

  private static void check(int status, String path) {
    if (status != 200) {
      throw new IllegalStateException(path + " answered " + status);
    }
  }

  private RunsBenchmark() {}
}
