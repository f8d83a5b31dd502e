package vademecum.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.RUN;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.share.ShareService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestImages;

/** Checklist runs over real HTTP and PostgreSQL: frozen versions, acknowledgements, ticks. */
class RunTest {
  private static final String RECONCILIATION =
      """
      ## Rapprochement bancaire {#rapprochement}

      Chaque mois, pour le cabinet.

      1. Exporter le relevé du mois depuis la banque.
      2. Importer le fichier dans le logiciel.
      3. Pointer chaque ligne.
      """;

  private static TestApp app;
  private static Workspace workspace;
  private static RunService runs;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("runs");
    runs = app.app().services().runs();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String publish(String title, String markdown) {
    app.publish(workspace, title, markdown);
    return app.app().services().manuals().list(workspace, Role.OWNER).stream()
        .filter(m -> m.title().equals(title))
        .findFirst()
        .orElseThrow()
        .slug();
  }

  private static void republish(String slug, String title, String markdown) {
    var manuals = app.app().services().manuals();
    int latest = manuals.latest(manuals.require(workspace, slug)).number();
    manuals.save(
        workspace,
        slug,
        new Draft(title, "fr", List.of(), "", markdown, latest, "", false, true),
        Actor.SYSTEM);
  }

  /** A signed-in assistant who has acknowledged the procedure as it is now. */
  private static Browser assistantWhoRead(String slug) {
    Browser browser = app.signedIn(workspace, Role.ASSISTANT);
    String page = browser.get("/w/runs/m/" + slug + "/p/rapprochement/run").body();
    assertEquals(
        303,
        browser
            .post(
                "/w/runs/m/" + slug + "/p/rapprochement/run/acknowledge",
                Map.of("version", shownVersion(page)))
            .statusCode());
    return browser;
  }

  /** The version the start page asks to acknowledge. */
  private static String shownVersion(String page) {
    Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
    assertTrue(version.find(), page);
    return version.group(1);
  }

  private static long started(HttpResponse<String> response) {
    assertEquals(303, response.statusCode(), response.body());
    String location = response.headers().firstValue("Location").orElseThrow();
    Matcher id = Pattern.compile("/w/runs/runs/(\\d+)$").matcher(location);
    assertTrue(id.find(), location);
    return Long.parseLong(id.group(1));
  }

  @Test
  void the_steps_before_a_run_starts_are_shown_as_text_not_markdown() {
    String slug =
        publish(
            "Relevés Qonto",
            "## Rapprochement bancaire {#rapprochement}\n\n"
                + "1. Ouvrir **Comptes > Relevés**.\n2. Ranger dans `Compta/AAAA`.\n");
    Browser assistant = assistantWhoRead(slug);
    String form = assistant.get("/w/runs/m/" + slug + "/p/rapprochement/run").body();
    assertTrue(form.contains("<strong>Comptes &gt; Relevés</strong>"), form);
    assertTrue(form.contains("<code>Compta/AAAA</code>"), form);
    assertFalse(form.contains("**Comptes"), form);
  }

  @Test
  void a_step_changed_by_someone_else_since_the_page_was_opened_is_not_silently_replaced() {
    String slug = publish("Compta à deux", RECONCILIATION);
    Browser karim = assistantWhoRead(slug);
    Browser sophie = assistantWhoRead(slug);
    karim.get("/w/runs/m/" + slug + "/p/rapprochement/run");
    long id =
        started(
            karim.post(
                "/w/runs/m/" + slug + "/p/rapprochement/run",
                Map.of("title", "À deux", "due", "2027-03-31")));
    String step = "/w/runs/runs/" + id + "/steps/1";
    String shown = sophie.get("/w/runs/runs/" + id).body(); // both pages show step 1 open
    assertTrue(shown.contains("due Mar 31, 2027"), "the due date as people write it: " + shown);
    assertEquals(303, karim.post(step, Map.of("state", "done", "seen", "open")).statusCode());
    var late =
        sophie.post(step, Map.of("state", "problem", "note", "Relevé absent", "seen", "open"));
    assertEquals(409, late.statusCode(), late.body());
    assertTrue(late.body().contains("changed this step since you opened the page"), late.body());
    // Her note is not lost: it is shown again, with a button to send it over Karim's tick.
    assertTrue(late.body().contains("data-kept-note"), late.body());
    assertTrue(late.body().contains("Relevé absent"), late.body());
    assertTrue(late.body().contains("name=\"note\" value=\"Relevé absent\""), late.body());
    assertTrue(
        runs.view(workspace, Role.ASSISTANT, id).steps().get(0).step().state().equals("done"),
        "Karim's tick stays");
    // Seen as it is now, the change goes through.
    assertEquals(
        303,
        sophie
            .post(step, Map.of("state", "problem", "note", "Relevé absent", "seen", "done"))
            .statusCode());
  }

  @Test
  void a_run_stays_on_its_version_while_the_procedure_changes() {
    String slug = publish("Compta mensuelle", RECONCILIATION);
    Browser assistant = assistantWhoRead(slug);
    var form = assistant.get("/w/runs/m/" + slug + "/p/rapprochement/run");
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("Exporter le relevé du mois"), form.body());
    long id =
        started(
            assistant.post(
                "/w/runs/m/" + slug + "/p/rapprochement/run",
                Map.of("title", "Rapprochement — mars 2027", "due", "2027-03-31")));
    assertEquals(
        303,
        assistant.post("/w/runs/runs/" + id + "/steps/1", Map.of("state", "done")).statusCode());

    republish(
        slug,
        "Compta mensuelle",
        RECONCILIATION.replace(
            "3. Pointer chaque ligne.", "3. Pointer chaque ligne.\n4. Archiver le relevé."));

    var view = runs.view(workspace, Role.ASSISTANT, id);
    assertEquals(1, view.run().versionNumber());
    assertEquals(2, view.run().currentNumber());
    assertTrue(view.run().newerVersionExists());
    assertEquals(3, view.steps().size(), "the run keeps the steps it was started with");
    assertEquals("done", view.steps().get(0).step().state());
    var page = assistant.get("/w/runs/runs/" + id);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("newer version (2)"), page.body());
    assertFalse(page.body().contains("Archiver le relevé"));
    assertTrue(page.body().contains("Rapprochement — mars 2027"));
  }

  @Test
  void after_a_major_change_the_runner_acknowledges_what_changed_before_starting() {
    String slug = publish("Compta trimestrielle", RECONCILIATION);
    Browser assistant = assistantWhoRead(slug);
    republish(
        slug,
        "Compta trimestrielle",
        RECONCILIATION.replace("2. Importer", "2. Vérifier le solde, puis importer"));

    var form = assistant.get("/w/runs/m/" + slug + "/p/rapprochement/run");
    assertEquals(200, form.statusCode());
    assertTrue(form.body().contains("changed since you acknowledged version 1"), form.body());
    assertTrue(form.body().contains("Vérifier le solde"), "what changed is shown");
    assertFalse(form.body().contains("name=\"title\""), "no run before the acknowledgement");
    var refused = assistant.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of());
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("Acknowledge the procedure"), refused.body());

    // A version published while the page was open is not the one read: nothing is recorded.
    String shown = shownVersion(form.body());
    republish(
        slug,
        "Compta trimestrielle",
        RECONCILIATION.replace("2. Importer", "2. Vérifier le solde deux fois, puis importer"));
    String acknowledge = "/w/runs/m/" + slug + "/p/rapprochement/run/acknowledge";
    assertEquals(303, assistant.post(acknowledge, Map.of("version", shown)).statusCode());
    assertEquals(
        409, assistant.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()).statusCode());
    var again = assistant.get("/w/runs/m/" + slug + "/p/rapprochement/run").body();
    assertTrue(again.contains("deux fois"), "the newer change is shown");

    assertEquals(
        303, assistant.post(acknowledge, Map.of("version", shownVersion(again))).statusCode());
    long id = started(assistant.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()));
    var run = runs.require(workspace, id);
    assertEquals(3, run.versionNumber());
    assertTrue(run.title().startsWith("Rapprochement bancaire — "), "the default title");
  }

  @Test
  void sixteen_people_ticking_at_once_lose_no_tick() throws Exception {
    StringBuilder sixteen = new StringBuilder("## Rapprochement bancaire {#rapprochement}\n\n");
    for (int i = 1; i <= 16; i++) {
      sixteen.append(i).append(". Étape ").append(i).append(".\n");
    }
    String slug = publish("Seize étapes", sixteen.toString());
    List<Browser> people = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      people.add(assistantWhoRead(slug));
    }
    long id = started(people.get(0).post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Browser person = people.get(i);
        int position = i + 1;
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return person
                      .post("/w/runs/runs/" + id + "/steps/" + position, Map.of("state", "done"))
                      .statusCode();
                }));
      }
      go.countDown();
      for (Future<Integer> answer : answers) {
        assertEquals(303, answer.get());
      }
      // And all sixteen on the same step: sixteen lines in the record.
      CountDownLatch again = new CountDownLatch(1);
      answers.clear();
      for (int i = 0; i < 16; i++) {
        Browser person = people.get(i);
        String state = i % 2 == 0 ? "open" : "done";
        answers.add(
            pool.submit(
                () -> {
                  again.await();
                  return person
                      .post("/w/runs/runs/" + id + "/steps/16", Map.of("state", state))
                      .statusCode();
                }));
      }
      again.countDown();
      for (Future<Integer> answer : answers) {
        assertEquals(303, answer.get());
      }
    } finally {
      pool.shutdownNow();
    }
    var view = runs.view(workspace, Role.ASSISTANT, id);
    assertEquals(
        15, view.steps().stream().limit(15).filter(s -> s.step().state().equals("done")).count());
    assertEquals(32, view.ticks().size(), "every tick is in the record");
    // Step 16 was ticked once in the first wave, then sixteen times.
    assertEquals(17, view.ticks().stream().filter(t -> t.position() == 16).count());
    assertEquals(
        view.ticks().stream()
            .filter(t -> t.position() == 16)
            .reduce((a, b) -> b)
            .orElseThrow()
            .state(),
        view.steps().get(15).step().state(),
        "the step shows the last tick recorded");
  }

  @Test
  void notes_are_required_to_skip_or_flag_a_step_and_a_run_ends_done_or_with_problems() {
    String slug = publish("Voyage", RECONCILIATION);
    Browser assistant = assistantWhoRead(slug);
    long id = started(assistant.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()));
    String steps = "/w/runs/runs/" + id + "/steps/";

    var noNote = assistant.post(steps + "2", Map.of("state", "not_applicable"));
    assertEquals(400, noNote.statusCode());
    assertTrue(noNote.body().contains("Say why in a note."), noNote.body());
    assertEquals(303, assistant.post(steps + "1", Map.of("state", "done")).statusCode());
    var early = assistant.post("/w/runs/runs/" + id + "/finish", Map.of());
    assertEquals(409, early.statusCode());
    assertTrue(early.body().contains("2 steps are still open"), early.body());
    assertEquals(
        303,
        assistant
            .post(steps + "2", Map.of("state", "not_applicable", "note", "Pas de virement ce mois"))
            .statusCode());
    assertEquals(
        303,
        assistant
            .post(steps + "3", Map.of("state", "problem", "note", "Ligne 14 introuvable"))
            .statusCode());
    // The run's page polls its steps: the fragment alone, for htmx.
    var fragment = assistant.get("/w/runs/runs/" + id + "/steps");
    assertTrue(fragment.body().strip().startsWith("<div id=\"steps\""), fragment.body());
    assertFalse(fragment.body().contains("<html"), "the steps alone");
    assertTrue(fragment.body().contains("Ligne 14 introuvable"));

    assertEquals(303, assistant.post("/w/runs/runs/" + id + "/finish", Map.of()).statusCode());
    Run run = runs.require(workspace, id);
    assertEquals("problems", run.outcome());
    assertFalse(run.open());
    assertEquals(409, assistant.post(steps + "1", Map.of("state", "open")).statusCode());
    assertTrue(assistant.get("/w/runs/runs").body().contains("Done with problems"));
    // The procedure's owners and editors see it on their review page.
    String review = app.signedIn(workspace, Role.EDITOR).get("/w/runs/review").body();
    assertTrue(review.contains("run finished with a problem"), review);
    assertTrue(review.contains("Ligne 14 introuvable"), review);
    assertTrue(review.contains("/w/runs/runs/" + id), review);

    // Archived, the manual's runs are hidden, and so is the item that led to one.
    app.app().services().shelf().archive(workspace, slug, Actor.SYSTEM);
    review = app.signedIn(workspace, Role.EDITOR).get("/w/runs/review").body();
    assertFalse(review.contains("/w/runs/runs/" + id), review);
  }

  @Test
  void runs_started_done_and_overdue_are_webhook_events_each_told_once() {
    Workspace hooked = app.workspace("runs-hooked");
    Account owner = app.account(hooked, Role.OWNER);
    app.app()
        .services()
        .webhooks()
        .add(hooked, "http://localhost:9/hook", new Actor(owner.id(), "Owner"));
    app.publish(hooked, "Paie", RECONCILIATION);
    Actor actor = new Actor(owner.id(), "Owner");
    Run late = runs.start(hooked, Role.OWNER, actor, "paie", "rapprochement", "", "2020-01-31");
    Run done = runs.start(hooked, Role.OWNER, actor, "paie", "rapprochement", "", "");
    for (int step = 1; step <= 3; step++) {
      runs.tick(hooked, Role.OWNER, actor, done.id(), step, "done", "", null);
    }
    runs.finish(hooked, Role.OWNER, actor, done.id());
    runs.announceOverdue();
    runs.announceOverdue();
    List<String> events =
        app.app().services().webhooks().recent(hooked).stream()
            .map(d -> d.event())
            .filter(event -> event.startsWith("run."))
            .sorted()
            .toList();
    assertEquals(List.of("run.done", "run.overdue", "run.started", "run.started"), events);
    assertEquals("2020-01-31", runs.require(hooked, late.id()).dueOn().toString());
  }

  @Test
  void the_runs_page_filters_by_state_and_person_and_exports_each_step_as_csv() {
    String slug = publish("Export", RECONCILIATION);
    Browser first = assistantWhoRead(slug);
    Browser second = assistantWhoRead(slug);
    long mine = started(first.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()));
    long theirs =
        started(
            second.post(
                "/w/runs/m/" + slug + "/p/rapprochement/run", Map.of("title", "=Le leur, risqué")));
    String steps = "/w/runs/runs/" + mine + "/steps/";
    first.post(steps + "1", Map.of("state", "done"));
    first.post(steps + "2", Map.of("state", "problem", "note", "Relevé, incomplet"));
    first.post(steps + "3", Map.of("state", "done"));
    first.post("/w/runs/runs/" + mine + "/finish", Map.of());

    String problems = first.get("/w/runs/runs?state=problems&procedure=" + slug).body();
    assertTrue(problems.contains("/w/runs/runs/" + mine + "\""), problems);
    assertFalse(problems.contains("/w/runs/runs/" + theirs + "\""));
    String open = first.get("/w/runs/runs?state=open&procedure=" + slug + "/rapprochement").body();
    assertTrue(open.contains("/w/runs/runs/" + theirs + "\""));
    assertFalse(open.contains("/w/runs/runs/" + mine + "\""));

    var csv = first.get("/w/runs/runs.csv?procedure=" + slug);
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertEquals(1 + 6, lines.length, "a header and a row per step of the two runs");
    assertTrue(csv.body().contains(",problem,\"Relevé, incomplet\","), csv.body());
    assertTrue(
        csv.body().contains("'=Le leur, risqué") || csv.body().contains("\"'=Le leur"),
        "no formula");
    assertEquals(403, app.signedIn(workspace, Role.RECRUITER).get("/w/runs/runs.csv").statusCode());
    // Dates ISO reads but no calendar holds (a day after the last, a year PostgreSQL cannot
    // store) are left out of the filter like any other unreadable date: they were a 500.
    for (String date : List.of("%2B999999999-12-31", "%2B300000-01-01", "2027-02-30")) {
      assertEquals(200, first.get("/w/runs/runs?to=" + date).statusCode(), date);
      assertEquals(200, first.get("/w/runs/runs.csv?from=" + date).statusCode(), date);
    }
    var far =
        first.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of("due", "+5874898-01-01"));
    assertEquals(400, far.statusCode(), far.body());
    assertTrue(far.body().contains("Write the due date as a date"), far.body());
  }

  @Test
  void a_manual_lists_each_procedures_latest_runs_but_not_to_recruiters_nor_candidates() {
    String slug = publish("Paie mensuelle", RECONCILIATION);
    Browser assistant = assistantWhoRead(slug);
    long id = started(assistant.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()));
    String page = assistant.get("/w/runs/m/" + slug).body();
    assertTrue(page.contains("Latest runs:"), page);
    assertTrue(page.contains("/w/runs/runs/" + id + "\""), page);
    assertTrue(page.contains("/w/runs/runs?procedure=" + slug + "/rapprochement"), "all its runs");

    Browser recruiter = app.signedIn(workspace, Role.RECRUITER);
    String recruiterPage = recruiter.get("/w/runs/m/" + slug).body();
    assertFalse(recruiterPage.contains("/w/runs/runs/"), recruiterPage);
    assertFalse(recruiterPage.contains("Latest runs"));

    Account owner = app.account(workspace, Role.OWNER);
    var share =
        app.app()
            .services()
            .shares()
            .create(
                workspace,
                new ShareService.Request(slug, "Candidate", 7, List.of(), false),
                new Actor(owner.id(), "Owner"));
    String candidate = app.get(share.url().substring(share.url().indexOf("/s/"))).body();
    assertTrue(candidate.contains("Exporter le relevé"), candidate);
    assertFalse(candidate.contains("/w/runs/runs/"), "a candidate link never shows runs");
    assertFalse(candidate.contains("Latest runs"));
  }

  @Test
  void a_screenshot_on_a_step_is_kept_with_the_run_and_shown_to_its_runners_only() {
    String slug = publish("Justificatifs", RECONCILIATION);
    Browser assistant = assistantWhoRead(slug);
    long id = started(assistant.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()));
    var added =
        assistant.upload(
            "/w/runs/runs/" + id + "/steps/1/files",
            "relevé mars.png",
            TestImages.png(40, 30),
            Map.of());
    assertEquals(303, added.statusCode(), added.body());
    var view = runs.view(workspace, Role.ASSISTANT, id);
    assertEquals(1, view.steps().get(0).files().size());
    String url = view.steps().get(0).files().get(0).url();
    assertTrue(view.steps().get(0).files().get(0).image());
    assertTrue(assistant.get("/w/runs/runs/" + id).body().contains("<img src=\"" + url + "\""));
    assertEquals("file", view.ticks().get(view.ticks().size() - 1).state(), "in the record");

    assertEquals(200, app.signedIn(workspace, Role.ASSISTANT).getBytes(url).statusCode());
    assertEquals(404, app.signedIn(workspace, Role.RECRUITER).getBytes(url).statusCode());
    // Kept as long as the run: the clean-up of files nothing uses leaves it.
    app.app()
        .services()
        .database()
        .dsl()
        .execute("update stored_file set created_at = now() - interval '30 days'");
    app.app().services().files().removeUnused();
    assertEquals(200, assistant.getBytes(url).statusCode());

    // Added to the wrong step: taken off again, and the record says so.
    String sha = view.steps().get(0).files().get(0).sha256();
    String remove = "/w/runs/runs/" + id + "/steps/1/files/" + sha + "/remove";
    assertTrue(assistant.get("/w/runs/runs/" + id).body().contains(remove));
    assertEquals(
        404,
        assistant
            .post("/w/runs/runs/" + id + "/steps/2/files/" + sha + "/remove", Map.of())
            .statusCode(),
        "not on step 2");
    assertEquals(303, assistant.post(remove, Map.of()).statusCode());
    var after = runs.view(workspace, Role.ASSISTANT, id);
    assertEquals(List.of(), after.steps().get(0).files());
    var last = after.ticks().get(after.ticks().size() - 1);
    assertEquals("file_removed", last.state());
    assertEquals("relevé mars.png", last.note());
    assertEquals(404, assistant.post(remove, Map.of()).statusCode(), "already removed");
    assistant.upload(
        "/w/runs/runs/" + id + "/steps/1/files",
        "relevé mars.png",
        TestImages.png(40, 30),
        Map.of());

    var empty =
        assistant.upload("/w/runs/runs/" + id + "/steps/1/files", "", new byte[0], Map.of());
    assertEquals(400, empty.statusCode());
    var page =
        assistant.upload(
            "/w/runs/runs/" + id + "/steps/1/files",
            "page.html",
            "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8),
            Map.of());
    assertEquals(415, page.statusCode());
    // Refused on the run's own page, with why: the person stays in their run.
    assertTrue(page.body().contains("Pointer chaque ligne"), page.body());
    assertTrue(page.body().contains("role=\"alert\""), page.body());
    assertTrue(empty.body().contains("Choose a file to add to the step."), empty.body());
  }

  @Test
  void recruiters_and_other_workspaces_see_no_run() {
    String slug = publish("Réservations", RECONCILIATION);
    Browser assistant = assistantWhoRead(slug);
    long id = started(assistant.post("/w/runs/m/" + slug + "/p/rapprochement/run", Map.of()));
    Browser recruiter = app.signedIn(workspace, Role.RECRUITER);
    assertEquals(403, recruiter.get("/w/runs/runs/" + id).statusCode());
    assertEquals(403, recruiter.get("/w/runs/runs").statusCode());
    assertEquals(403, recruiter.get("/w/runs/m/" + slug + "/p/rapprochement/run").statusCode());

    Workspace other = app.workspace("runs-elsewhere");
    Account owner = app.account(other, Role.OWNER);
    try {
      runs.view(other, Role.OWNER, id);
      throw new AssertionError("a run of another workspace was shown");
    } catch (Refusal.NotFound expected) {
      // as if it did not exist
    }
    Browser stranger = app.signedIn(other, Role.OWNER);
    assertEquals(404, stranger.get("/w/runs-elsewhere/runs/" + id).statusCode());
    assertTrue(owner.id() > 0);
  }

  @Test
  void the_runs_of_a_deleted_manual_are_out_of_every_list_and_come_back_with_it() {
    Workspace shelved = app.workspace("runs-shelved");
    Account owner = app.account(shelved, Role.OWNER);
    Actor actor = new Actor(owner.id(), "Owner");
    app.publish(shelved, "Clôture", RECONCILIATION);
    Run open = runs.start(shelved, Role.OWNER, actor, "cloture", "rapprochement", "", "2020-01-31");
    Browser browser = app.signedIn(shelved, Role.OWNER);
    assertTrue(browser.get("/w/runs-shelved/runs").body().contains("/runs/" + open.id()));

    app.app().services().shelf().delete(shelved, "cloture", actor);
    assertFalse(browser.get("/w/runs-shelved/runs").body().contains("/runs/" + open.id()));
    assertEquals(404, browser.get("/w/runs-shelved/runs/" + open.id()).statusCode());
    var tick =
        browser.post("/w/runs-shelved/runs/" + open.id() + "/steps/1", Map.of("state", "done"));
    assertEquals(404, tick.statusCode(), "the deleted manual's steps cannot be ticked");
    assertFalse(
        browser.get("/w/runs-shelved/runs.csv").body().contains("Exporter le relevé"),
        "nor exported");
    runs.announceOverdue();
    assertFalse(overdueTold(open.id()), "nor told overdue");

    long manualId =
        app.app().services().shelf().deleted().stream()
            .filter(d -> d.slug().equals("cloture"))
            .findFirst()
            .orElseThrow()
            .id();
    app.app().services().shelf().undelete(manualId, Actor.SYSTEM);
    assertEquals(200, browser.get("/w/runs-shelved/runs/" + open.id()).statusCode());
    assertEquals(
        303,
        browser
            .post("/w/runs-shelved/runs/" + open.id() + "/steps/1", Map.of("state", "done"))
            .statusCode());
    runs.announceOverdue();
    assertTrue(overdueTold(open.id()), "told once the manual is back");
  }

  private static boolean overdueTold(long runId) {
    return app.app()
        .services()
        .database()
        .dsl()
        .fetchExists(RUN, RUN.ID.eq(runId).and(RUN.OVERDUE_TOLD_AT.isNotNull()));
  }

  @Test
  void a_procedure_without_steps_cannot_be_run_and_offers_no_run() {
    String slug = publish("Politique", "## Politique {#rapprochement}\n\nJamais le dimanche.\n");
    Browser assistant = app.signedIn(workspace, Role.ASSISTANT);
    var refused = assistant.get("/w/runs/m/" + slug + "/p/rapprochement/run");
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("no steps to run"), refused.body());
    assertFalse(assistant.get("/w/runs/m/" + slug).body().contains("/p/rapprochement/run"));
    String withSteps = publish("Procédure à étapes", RECONCILIATION);
    assertTrue(assistant.get("/w/runs/m/" + withSteps).body().contains("/p/rapprochement/run"));
  }
}
