package vademecum.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/**
 * Recurring runs against a fixed clock: created ahead of their due dates in the workspace's time
 * zone, once each whichever node asks, across month ends and the days of a missed week.
 */
class ScheduleTest {
  private static TestApp app;
  private static Workspace workspace;
  private static Account owner;
  private static Account assistant;
  private static int manuals;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("schedules");
    owner = app.account(workspace, Role.OWNER);
    assistant = app.account(workspace, Role.ASSISTANT);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A French manual with a procedure of steps; returns its slug. */
  private static String manual() {
    String title = "Compta " + (++manuals);
    app.publish(
        workspace,
        title,
        "fr",
        "## Rapprochement bancaire {#rapprochement}\n\n1. Exporter.\n2. Pointer.\n");
    return title.toLowerCase().replace(' ', '-');
  }

  private static RunSchedules at(String instant) {
    var services = app.app().services();
    return new RunSchedules(
        services.database().dsl(),
        new ScheduleRepository(),
        new RunRepository(),
        services.manuals(),
        services.markdown(),
        new AuditLog(),
        Clock.fixed(Instant.parse(instant), ZoneOffset.UTC),
        List.of(),
        new RunMail(Optional.empty(), "http://localhost"));
  }

  private static Schedule schedule(
      RunSchedules schedules, String slug, String frequency, String day, String lead) {
    return schedule(schedules, slug, frequency, day, lead, assistant);
  }

  private static Schedule schedule(
      RunSchedules schedules,
      String slug,
      String frequency,
      String day,
      String lead,
      Account assignee) {
    return schedules.schedule(
        workspace,
        Role.OWNER,
        new Actor(owner.id(), "Owner"),
        slug,
        "rapprochement",
        frequency,
        day,
        String.valueOf(assignee.id()),
        lead);
  }

  /**
   * The runs of the schedule's procedure, by due date. (Each test's schedule has a procedure of its
   * own; {@code createDue} serves every schedule of the database, so counts are read here.)
   */
  private static List<Run> runsOf(Schedule schedule) {
    return new RunRepository()
        .ofProcedure(app.app().services().database().dsl(), schedule.procedureId(), 1000).stream()
            .sorted((a, b) -> a.dueOn().compareTo(b.dueOn()))
            .toList();
  }

  @Test
  void a_deleted_manuals_schedule_is_not_listed_and_comes_back_with_the_manual() {
    String slug = manual();
    RunSchedules schedules = at("2026-03-02T08:00:00Z");
    Schedule made = schedule(schedules, slug, "daily", "", "0");
    assertTrue(ids(schedules).contains(made.id()));
    var shelf = app.app().services().shelf();
    shelf.delete(workspace, slug, Actor.SYSTEM);
    assertFalse(ids(schedules).contains(made.id()), "no longer listed as if it would run");
    long manualId =
        shelf.deleted().stream().filter(d -> d.slug().equals(slug)).findFirst().orElseThrow().id();
    shelf.undelete(manualId, Actor.SYSTEM);
    assertTrue(ids(schedules).contains(made.id()), "back with the manual");
  }

  @Test
  void a_schedule_whose_assignee_leaves_is_unassigned_and_its_runs_go_to_nobody_in_particular() {
    String slug = manual();
    Account leaving = app.account(workspace, Role.ASSISTANT);
    Account recruited = app.account(workspace, Role.ASSISTANT);
    RunSchedules schedules = at("2027-02-01T09:00:00Z");
    Schedule first = schedule(schedules, slug, "daily", "", "0", leaving);
    Schedule second = schedule(schedules, slug, "weekly", "1", "0", recruited);
    var memberships = app.app().services().memberships();
    memberships.remove(workspace, leaving.id(), owner.id());
    memberships.changeRole(workspace, recruited.id(), Role.RECRUITER, owner.id());

    for (Schedule s : schedules.active(workspace, Role.OWNER)) {
      if (s.id() == first.id() || s.id() == second.id()) {
        assertEquals(null, s.assigneeId(), "nobody who left is assigned");
      }
    }
    at("2027-02-02T09:00:00Z").createDue();
    assertTrue(runsOf(first).stream().allMatch(run -> run.assignee() == null), "no one left");
  }

  private static List<Long> ids(RunSchedules schedules) {
    return schedules.active(workspace, Role.OWNER).stream().map(Schedule::id).toList();
  }

  @Test
  void a_monthly_run_on_the_last_working_day_is_created_two_days_ahead_once() {
    String slug = manual();
    Schedule schedule = schedule(at("2027-01-20T09:00:00Z"), slug, "monthly", "last", "2");
    // 31 January 2027 is a Sunday: the last working day is Friday the 29th.
    assertEquals(LocalDate.parse("2027-01-29"), schedule.nextDue());
    assertEquals(List.of(), runsOf(schedule), "not before the 27th");

    at("2027-01-27T07:00:00Z").createDue();
    at("2027-01-27T07:05:00Z").createDue();
    List<Run> runs = runsOf(schedule);
    assertEquals(1, runs.size(), "once");
    Run run = runs.get(0);
    assertEquals(LocalDate.parse("2027-01-29"), run.dueOn());
    assertEquals("Rapprochement bancaire — janvier 2027", run.title());
    assertEquals(assistant.displayName(), run.assignee());
    assertEquals(null, run.startedBy(), "created by its schedule");

    // February 2027 ends on a Sunday too: Friday the 26th, created on the 24th.
    at("2027-02-24T07:00:00Z").createDue();
    assertEquals(
        List.of(LocalDate.parse("2027-01-29"), LocalDate.parse("2027-02-26")),
        runsOf(schedule).stream().map(Run::dueOn).toList());
  }

  @Test
  void the_31st_becomes_the_last_day_of_shorter_months_and_a_missed_week_is_caught_up() {
    Schedule monthly = schedule(at("2027-01-02T09:00:00Z"), manual(), "monthly", "31", "0");
    at("2027-04-30T09:00:00Z").createDue();
    assertEquals(
        List.of("2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"),
        runsOf(monthly).stream().map(r -> r.dueOn().toString()).toList());

    Schedule daily = schedule(at("2028-02-26T09:00:00Z"), manual(), "daily", "", "0");
    // The instance was off for four days: each day's run is there once it is back.
    at("2028-03-01T09:00:00Z").createDue();
    assertEquals(
        List.of("2028-02-26", "2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"),
        runsOf(daily).stream().map(r -> r.dueOn().toString()).toList());
  }

  @Test
  void due_dates_are_days_of_the_workspaces_time_zone() {
    Schedule daily = schedule(at("2027-03-26T12:00:00Z"), manual(), "daily", "", "0");
    at("2027-03-27T12:00:00Z").createDue();
    int before = runsOf(daily).size();
    // 23:30 UTC on the 27th is already the 28th in Paris (00:30, the night summer time begins).
    at("2027-03-27T23:30:00Z").createDue();
    List<Run> runs = runsOf(daily);
    assertEquals(before + 1, runs.size());
    assertEquals(LocalDate.parse("2027-03-28"), runs.get(runs.size() - 1).dueOn());
  }

  @Test
  void owners_choose_the_time_zone_the_due_dates_fall_in() {
    Workspace zoned = app.workspace("zoned");
    Account zonedOwner = app.account(zoned, Role.OWNER);
    Account doer = app.account(zoned, Role.ASSISTANT);
    Browser ownerBrowser = app.browser();
    ownerBrowser.login(zonedOwner.email(), TestApp.PASSWORD);
    ownerBrowser.ready();
    assertEquals(
        400, ownerBrowser.post("/w/zoned/runs/zone", Map.of("zone", "Mars/Olympus")).statusCode());
    assertEquals(
        403,
        app.signedIn(zoned, Role.EDITOR)
            .post("/w/zoned/runs/zone", Map.of("zone", "America/New_York"))
            .statusCode());
    assertEquals(
        303,
        ownerBrowser.post("/w/zoned/runs/zone", Map.of("zone", "America/New_York")).statusCode());
    assertTrue(ownerBrowser.get("/w/zoned/runs").body().contains("America/New_York"));

    app.publish(zoned, "Courrier", "fr", "## Tri {#tri}\n\n1. Trier.\n");
    Schedule daily =
        at("2027-03-20T12:00:00Z")
            .schedule(
                zoned,
                Role.OWNER,
                new Actor(zonedOwner.id(), "Owner"),
                "courrier",
                "tri",
                "daily",
                "",
                String.valueOf(doer.id()),
                "0");
    // 03:30 UTC on the 28th is still the 27th in New York (23:30), already the 28th in Paris.
    at("2027-03-28T03:30:00Z").createDue();
    List<Run> runs = runsOf(daily);
    assertEquals(LocalDate.parse("2027-03-27"), runs.get(runs.size() - 1).dueOn());
  }

  @Test
  void a_zone_the_database_does_not_know_is_refused_and_stops_no_ones_schedules() {
    Workspace odd = app.workspace("odd-zone");
    Account oddOwner = app.account(odd, Role.OWNER);
    Account oddDoer = app.account(odd, Role.ASSISTANT);
    Browser ownerBrowser = app.browser();
    ownerBrowser.login(oddOwner.email(), TestApp.PASSWORD);
    ownerBrowser.ready();
    // Java knows the SystemV zones; PostgreSQL does not list them: only zones both know are
    // offered.
    assertEquals(
        400,
        ownerBrowser.post("/w/odd-zone/runs/zone", Map.of("zone", "SystemV/EST5")).statusCode());
    assertFalse(ownerBrowser.get("/w/odd-zone/runs").body().contains("SystemV/EST5"));
    app.publish(odd, "Courrier", "fr", "## Tri {#tri}\n\n1. Trier.\n");
    Schedule oddDaily =
        at("2027-04-01T12:00:00Z")
            .schedule(
                odd,
                Role.OWNER,
                new Actor(oddOwner.id(), "Owner"),
                "courrier",
                "tri",
                "daily",
                "",
                String.valueOf(oddDoer.id()),
                "0");
    Schedule daily = schedule(at("2027-04-01T12:00:00Z"), manual(), "daily", "", "0");
    int before = runsOf(daily).size();
    // A zone the database's time-zone data lacks (an external server's older data): "time zone
    // not recognized" from this one row failed the query of every workspace's schedules.
    app.app()
        .services()
        .database()
        .dsl()
        .execute("update workspace set time_zone = 'Mars/Olympus' where slug = 'odd-zone'");
    try {
      at("2027-04-03T12:00:00Z").createDue();
    } finally {
      app.app()
          .services()
          .database()
          .dsl()
          .execute("update workspace set time_zone = 'Europe/Paris' where slug = 'odd-zone'");
    }
    assertTrue(runsOf(daily).size() > before);
  }

  @Test
  void nodes_creating_runs_at_the_same_moment_create_each_once() throws Exception {
    Schedule weekly = schedule(at("2027-05-03T09:00:00Z"), manual(), "weekly", "5", "1");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> nodes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        nodes.add(() -> at("2027-06-03T09:00:00Z").createDue());
      }
      for (Future<Integer> made : pool.invokeAll(nodes)) {
        made.get();
      }
      // Fridays from 7 May to 4 June 2027: five runs, once each.
      List<String> dues = runsOf(weekly).stream().map(r -> r.dueOn().toString()).toList();
      assertEquals(
          List.of("2027-05-07", "2027-05-14", "2027-05-21", "2027-05-28", "2027-06-04"), dues);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void editors_schedule_from_the_procedure_and_assistants_see_the_schedule_but_cannot_change_it() {
    String slug = manual();
    Browser editor = app.signedIn(workspace, Role.EDITOR);
    String page = "/w/schedules/m/" + slug + "/p/rapprochement/schedules";
    assertEquals(200, editor.get(page).statusCode());
    var refused = editor.post(page, Map.of("frequency", "weekly", "weekday", "9"));
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("Choose the day of the week."), refused.body());
    var made =
        editor.post(
            page,
            Map.of(
                "frequency",
                "monthly",
                "day",
                "last",
                "assignee",
                String.valueOf(assistant.id()),
                "leadDays",
                "3"));
    assertEquals(303, made.statusCode(), made.body());
    String listed = editor.get(page).body();
    assertTrue(listed.contains("Every month on its last working day"), listed);

    Browser reader = app.signedIn(workspace, Role.ASSISTANT);
    assertEquals(403, reader.get(page).statusCode());
    assertTrue(
        reader.get("/w/schedules/runs").body().contains("Every month on its last working day"));
  }

  @Test
  void a_schedule_whose_procedure_lost_its_steps_is_shown_paused_and_can_be_stopped() {
    String slug = manual();
    Schedule made = schedule(at("2026-03-02T08:00:00Z"), slug, "daily", "", "0");
    var manuals = app.app().services().manuals();
    var latest = manuals.latest(manuals.require(workspace, slug));
    manuals.save(
        workspace,
        slug,
        new Draft(
            latest.title(),
            "fr",
            List.of(),
            "",
            latest.markdown().replace("1. Exporter.\n2. Pointer.\n", "Exporter puis pointer.\n"),
            latest.number(),
            "",
            false,
            true),
        Actor.SYSTEM);
    Browser editor = app.signedIn(workspace, Role.EDITOR);
    String runs = editor.get("/w/schedules/runs").body();
    assertTrue(runs.contains("Paused: the procedure has no steps"), runs);
    String page = "/w/schedules/m/" + slug + "/p/rapprochement/schedules";
    var scheduling = editor.get(page);
    assertEquals(200, scheduling.statusCode(), "its schedules can still be stopped");
    assertTrue(scheduling.body().contains("/schedules/" + made.id() + "/stop"), scheduling.body());
    var refused =
        editor.post(
            page,
            Map.of(
                "frequency", "daily", "assignee", String.valueOf(assistant.id()), "leadDays", "0"));
    assertEquals(400, refused.statusCode(), "no new schedule of a procedure without steps");
  }
}
