package vademecum.manual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.ACKNOWLEDGEMENT;
import static vademecum.testing.TestApp.form;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Sixteen people at once, over real HTTP: the conflict rule and acknowledgements hold. */
class ConcurrencyTest {
  private static final int PEOPLE = 16;
  private static TestApp app;
  private static Workspace workspace;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("ensemble");
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft(
                "Partagé",
                "fr",
                List.of(),
                "",
                "## Un {#un}\nTexte.\n\n## Deux {#deux}\nTexte.\n\n## Trois {#trois}\nTexte.\n",
                null,
                "",
                false,
                true),
            null,
            Actor.SYSTEM);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** Runs each task on its own thread, all released at the same moment. */
  private static <T> List<T> together(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    pool.shutdown();
    return results;
  }

  /** The new-manual form, published. */
  private static HttpResponse<String> create(Browser editor, String title, String markdown) {
    return editor.post(
        "/w/ensemble/manuals",
        form("title", title, "language", "fr", "markdown", markdown, "action", "publish"));
  }

  @Test
  void a_new_manual_sent_several_times_at_once_is_one_manual_and_no_error() throws Exception {
    Browser editor = app.signedIn(workspace, Role.EDITOR);
    editor.get("/w/ensemble/new");
    Callable<HttpResponse<String>> send = () -> create(editor, "Double clic", "## Un\nTexte.\n");
    List<HttpResponse<String>> answers = together(List.of(send, send, send, send));
    for (HttpResponse<String> answer : answers) {
      assertEquals(303, answer.statusCode(), answer.body());
      assertEquals("/w/ensemble/m/double-clic", answer.headers().firstValue("Location").orElse(""));
    }
    // Sent again later (the back button), it is still the same manual.
    assertEquals(303, send.call().statusCode());
    var manuals = app.app().services().manuals();
    assertEquals(1, manuals.latest(manuals.require(workspace, "double-clic")).number());
    assertThrows(
        Refusal.class, () -> manuals.require(workspace, "double-clic-2"), "no second manual");
    // Sent back with other tags, it is a manual of its own: the tags are not lost in the first.
    HttpResponse<String> retagged =
        editor.post(
            "/w/ensemble/manuals",
            form(
                "title",
                "Double clic",
                "language",
                "fr",
                "tags",
                "urgent",
                "markdown",
                "## Un\nTexte.\n",
                "action",
                "publish"));
    assertEquals("/w/ensemble/m/double-clic-2", retagged.headers().firstValue("Location").get());
    // "Save", then back and "Save and publish": one manual, published.
    for (String action : List.of("draft", "publish")) {
      HttpResponse<String> sent =
          editor.post(
              "/w/ensemble/manuals",
              form(
                  "title",
                  "Brouillon",
                  "language",
                  "fr",
                  "markdown",
                  "## A\nB\n",
                  "action",
                  action));
      assertEquals("/w/ensemble/m/brouillon", sent.headers().firstValue("Location").get());
      assertEquals(action.equals("publish"), manuals.require(workspace, "brouillon").isPublished());
    }
    assertTrue(manuals.require(workspace, "brouillon").isPublished());

    // Two people creating two manuals with one title at once both get theirs.
    Browser other = app.signedIn(workspace, Role.EDITOR);
    other.get("/w/ensemble/new");
    List<HttpResponse<String>> two =
        together(
            List.of(
                () -> create(editor, "Même titre", "## A\n1\n"),
                () -> create(other, "Même titre", "## B\n2\n")));
    assertEquals(List.of(303, 303), two.stream().map(HttpResponse::statusCode).toList());
    manuals.require(workspace, "meme-titre-2");
  }

  @Test
  void the_same_save_sent_again_is_no_conflict() throws Exception {
    app.publish(workspace, "Renvoi", "fr", "## Un {#un}\nTexte.\n");
    Browser editor = app.signedIn(workspace, Role.EDITOR);
    editor.get("/w/ensemble/m/renvoi/edit");
    int base = 1;
    var form =
        form(
            "title",
            "Renvoi",
            "language",
            "fr",
            "markdown",
            "## Un {#un}\nRenvoyé deux fois.\n",
            "base",
            String.valueOf(base),
            "action",
            "draft");
    assertEquals(303, editor.post("/w/ensemble/m/renvoi", form).statusCode());
    var again = editor.post("/w/ensemble/m/renvoi", form);
    assertEquals(303, again.statusCode(), "the text is already the latest: " + again.body());
  }

  @Test
  void a_conflict_shows_a_new_title_and_tags_and_saving_it_again_keeps_them() {
    app.publish(workspace, "Cycle de vie", "fr", "## Un {#un}\nTexte.\n");
    Browser julie = app.signedIn(workspace, Role.EDITOR);
    Browser claire = app.signedIn(workspace, Role.EDITOR);
    julie.get("/w/ensemble/m/cycle-de-vie/edit");
    claire.get("/w/ensemble/m/cycle-de-vie/edit");
    // Claire renames the manual and tags it; the text stays.
    var renamed =
        claire.post(
            "/w/ensemble/m/cycle-de-vie",
            form(
                "title",
                "Cycle de vie des clients",
                "language",
                "fr",
                "tags",
                "clients",
                "markdown",
                "## Un {#un}\nTexte.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertEquals(303, renamed.statusCode(), renamed.body());
    // Julie, from revision 1, changes the text only.
    var refused =
        julie.post(
            "/w/ensemble/m/cycle-de-vie",
            form(
                "title",
                "Cycle de vie",
                "language",
                "fr",
                "tags",
                "",
                "markdown",
                "## Un {#un}\nTexte revu par Julie.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertEquals(409, refused.statusCode());
    String page = refused.body();
    assertTrue(
        page.contains("<ins>Cycle de vie des clients</ins>"), "their title is shown: " + page);
    assertTrue(page.contains("<ins>clients</ins>"), "their tags too");
    assertTrue(page.contains("value=\"Cycle de vie des clients\""), "and in the form: " + page);
    assertTrue(page.contains("Texte revu par Julie."), "her text is kept");

    // Saving the form as the page shows it keeps Claire's title and tags and Julie's text.
    var saved =
        julie.post(
            "/w/ensemble/m/cycle-de-vie",
            form(
                "title",
                "Cycle de vie des clients",
                "language",
                "fr",
                "tags",
                "clients",
                "markdown",
                "## Un {#un}\nTexte revu par Julie.\n",
                "base",
                "2",
                "action",
                "publish"));
    assertEquals(303, saved.statusCode(), saved.body());
    var manuals = app.app().services().manuals();
    var latest = manuals.latest(manuals.require(workspace, "cycle-de-vie"));
    assertEquals("Cycle de vie des clients", latest.title());
    assertEquals(List.of("clients"), latest.tags());
  }

  @Test
  void sixteen_editors_saving_from_the_same_base_one_wins_the_others_keep_their_text()
      throws Exception {
    List<Browser> editors = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      Browser editor = app.signedIn(workspace, Role.EDITOR);
      editor.get("/w/ensemble/m/partage/edit");
      editors.add(editor);
    }
    List<Callable<HttpResponse<String>>> saves = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      Browser editor = editors.get(i);
      String text = "## Un {#un}\nVersion de la personne " + i + ".\n";
      saves.add(
          () ->
              editor.post(
                  "/w/ensemble/m/partage",
                  form(
                      "title",
                      "Partagé",
                      "language",
                      "fr",
                      "markdown",
                      text,
                      "base",
                      "1",
                      "action",
                      "draft")));
    }
    List<HttpResponse<String>> answers = together(saves);
    long won = answers.stream().filter(r -> r.statusCode() == 303).count();
    assertEquals(1, won, "exactly one save wins per base");
    for (int i = 0; i < PEOPLE; i++) {
      HttpResponse<String> answer = answers.get(i);
      if (answer.statusCode() != 303) {
        assertEquals(409, answer.statusCode());
        assertTrue(answer.body().contains("Version de la personne " + i + "."), "text kept");
      }
    }
    var manuals = app.app().services().manuals();
    assertEquals(2, manuals.latest(manuals.require(workspace, "partage")).number());
  }

  @Test
  void sixteen_assistants_acknowledging_at_once_are_each_recorded_exactly_once() throws Exception {
    var services = app.app().services();
    var manual = services.manuals().require(workspace, "partage");
    List<Account> assistants = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      assistants.add(app.account(workspace, Role.ASSISTANT));
    }
    List<Long> versions =
        services.acks().standingsInManual(assistants.get(0).id(), manual.id()).values().stream()
            .map(s -> s.currentVersionId())
            .toList();
    List<Callable<Integer>> acks = new ArrayList<>();
    for (Account assistant : assistants) {
      // Each person presses twice at the same moment (a double click on a slow connection).
      for (int twice = 0; twice < 2; twice++) {
        acks.add(() -> services.acks().acknowledge(assistant.id(), workspace.id(), versions));
      }
    }
    int recorded = together(acks).stream().mapToInt(Integer::intValue).sum();
    assertEquals(PEOPLE * versions.size(), recorded);
    int rows =
        services
            .database()
            .dsl()
            .fetchCount(
                ACKNOWLEDGEMENT,
                ACKNOWLEDGEMENT.ACCOUNT_ID.in(assistants.stream().map(Account::id).toList()));
    assertEquals(PEOPLE * versions.size(), rows);
  }
}
