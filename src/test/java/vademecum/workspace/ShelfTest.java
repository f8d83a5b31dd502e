package vademecum.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.ACKNOWLEDGEMENT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.testing.TestApp.form;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.ack.AckService;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.manual.Manual;
import vademecum.manual.ManualService;
import vademecum.manual.ShelfService;
import vademecum.share.ShareService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Archive, delete and restore, collections and their order, tags as links, the empty start. */
class ShelfTest {
  private static TestApp app;
  private static ManualService manuals;
  private static ShelfService shelf;
  private static AckService acks;
  private static DSLContext db;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    manuals = app.app().services().manuals();
    shelf = app.app().services().shelf();
    acks = app.app().services().acks();
    db = app.app().services().database().dsl();
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static Manual publish(Workspace workspace, String title, List<String> tags, String md) {
    return manuals
        .create(
            workspace,
            new Draft(title, "fr", tags, "", md, null, "", false, true),
            null,
            Actor.SYSTEM)
        .manual();
  }

  private static boolean found(Browser browser, String query, String title) {
    app.app().indexer().catchUp();
    return browser.get("/search/results?q=" + query).body().contains(title);
  }

  @Test
  void an_archived_manual_is_hidden_from_readers_and_search_and_comes_back_with_its_records() {
    Workspace office = app.workspace("archives");
    Manual manual =
        publish(office, "Rapprochement", List.of(), "## Pointer {#pointer}\nPointer la banque.\n");
    Account reader = app.account(office, Role.ASSISTANT);
    Browser assistant = app.browser();
    assistant.login(reader.email(), TestApp.PASSWORD);
    Browser editor = app.signedIn(office, Role.EDITOR);
    long version =
        acks.standingsInManual(reader.id(), manual.id()).get("pointer").currentVersionId();
    acks.acknowledge(reader.id(), office.id(), List.of(version));
    assertTrue(found(assistant, "banque", "Rapprochement"));

    String page = "/w/archives/m/" + manual.slug();
    var asked = editor.post(page + "/archive", form());
    assertEquals(200, asked.statusCode(), "archiving asks first");
    assertTrue(asked.body().contains("Archive “Rapprochement”?"), asked.body());
    assertEquals(200, assistant.get(page).statusCode(), "nothing archived yet");
    assertEquals(303, editor.post(page + "/archive", form("confirm", "yes")).statusCode());

    assertEquals(404, assistant.get(page).statusCode());
    assertFalse(assistant.get("/w/archives").body().contains("Rapprochement"));
    assertFalse(found(assistant, "banque", "Rapprochement"), "gone from search");
    assertTrue(acks.standingsInManual(reader.id(), manual.id()).isEmpty(), "nothing to read");
    assertTrue(acks.dashboard(office).procedures().isEmpty());
    String editorView = editor.get(page).body();
    assertTrue(editorView.contains("Archived on"), editorView);
    String list = editor.get("/w/archives").body();
    assertTrue(list.contains("1 archived manual"), list);
    assertEquals(1, acks.records(office, null).size(), "its acknowledgements are kept");

    assertEquals(303, editor.post(page + "/unarchive", form()).statusCode());
    assertEquals(200, assistant.get(page).statusCode());
    assertTrue(found(assistant, "banque", "Rapprochement"), "searchable again");
    assertEquals(
        "CURRENT",
        acks.standingsInManual(reader.id(), manual.id()).get("pointer").status().name(),
        "the confirmation still counts");
  }

  @Test
  void a_candidate_link_stops_showing_an_archived_manual() {
    Workspace office = app.workspace("archives-share");
    Manual manual = publish(office, "Accueil", List.of(), "## Bienvenue\nBonjour.\n");
    var link =
        app.app()
            .services()
            .shares()
            .create(
                office,
                new ShareService.Request(manual.slug(), "Candidate", 7, List.of(), false),
                Actor.SYSTEM);
    String path = link.url().substring(link.url().indexOf("/s/"));
    assertEquals(200, app.get(path).statusCode());
    shelf.archive(office, manual.slug(), Actor.SYSTEM);
    var after = app.get(path);
    assertTrue(after.statusCode() >= 400 && after.statusCode() < 500, "" + after.statusCode());
    assertFalse(after.body().contains("Bonjour"));
  }

  @Test
  void only_owners_delete_and_an_administrator_restores_within_30_days_then_it_is_purged() {
    Workspace office = app.workspace("suppressions");
    Manual manual =
        publish(office, "Notes de frais", List.of(), "## Saisir {#saisir}\nChaque lundi.\n");
    Account reader = app.account(office, Role.ASSISTANT);
    acks.acknowledge(
        reader.id(),
        office.id(),
        List.of(acks.standingsInManual(reader.id(), manual.id()).get("saisir").currentVersionId()));
    Browser owner = app.signedIn(office, Role.OWNER);
    Browser editor = app.signedIn(office, Role.EDITOR);
    String page = "/w/suppressions/m/" + manual.slug();
    assertFalse(editor.get(page).body().contains(page + "/delete"), "editors are not offered it");
    assertTrue(owner.get(page).body().contains(page + "/delete"));
    assertEquals(403, editor.post(page + "/delete", form("confirm", "yes")).statusCode());

    var asked = owner.post(page + "/delete", form());
    assertEquals(200, asked.statusCode());
    assertTrue(asked.body().contains("during 30 days"), asked.body());
    var deleted = owner.post(page + "/delete", form("confirm", "yes"));
    assertEquals(303, deleted.statusCode());
    String after = owner.get(deleted.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(after.contains("was deleted"), after);
    assertFalse(after.contains("/m/" + manual.slug() + "\""), "gone from the list");
    assertEquals(404, owner.get(page).statusCode());
    assertEquals(404, editor.get(page + "/history").statusCode());

    Browser admin = app.browser();
    Account adminAccount =
        app.app()
            .services()
            .accounts()
            .create("admin-shelf@test.example", "Admin", "en", TestApp.PASSWORD, true, null);
    admin.login(adminAccount.email(), TestApp.PASSWORD);
    String adminPage = admin.get("/admin").body();
    assertTrue(adminPage.contains("Notes de frais"), adminPage);
    assertEquals(
        303, admin.post("/admin/manuals/" + manual.id() + "/restore", form()).statusCode());
    assertEquals(200, owner.get(page).statusCode(), "restored as it was");
    assertEquals(1, acks.records(office, null).size());

    // Deleted again, 31 days ago: the purge removes it with everything it had.
    shelf.delete(office, manual.slug(), Actor.SYSTEM);
    db.update(MANUAL)
        .set(MANUAL.DELETED_AT, OffsetDateTime.now().minusDays(31))
        .where(MANUAL.ID.eq(manual.id()))
        .execute();
    assertFalse(admin.get("/admin").body().contains("Notes de frais"), "no longer restorable");
    assertEquals(
        404, admin.post("/admin/manuals/" + manual.id() + "/restore", form()).statusCode());
    assertTrue(shelf.purge() >= 1);
    assertEquals(0, db.fetchCount(MANUAL, MANUAL.ID.eq(manual.id())));
    assertEquals(0, db.fetchCount(REVISION, REVISION.MANUAL_ID.eq(manual.id())));
    assertEquals(0, acks.records(office, null).size(), "its acknowledgements went with it");

    // Outside a purge, acknowledgements still cannot be removed.
    Manual kept = publish(office, "Gardé", List.of(), "## Un\nA.\n");
    acks.acknowledge(
        reader.id(),
        office.id(),
        List.of(acks.standingsInManual(reader.id(), kept.id()).get("un").currentVersionId()));
    assertThrows(
        DataAccessException.class,
        () ->
            db.deleteFrom(ACKNOWLEDGEMENT)
                .where(ACKNOWLEDGEMENT.ACCOUNT_ID.eq(reader.id()))
                .execute());
  }

  @Test
  void an_arrow_moves_a_manual_past_an_archived_one_it_does_not_show() {
    Workspace office = app.workspace("fleches");
    Manual first = publish(office, "Accueil", List.of(), "## Un\nA.\n");
    Manual archived = publish(office, "Ancien", List.of(), "## Deux\nB.\n");
    Manual last = publish(office, "Clôture", List.of(), "## Trois\nC.\n");
    Browser editor = app.signedIn(office, Role.EDITOR);
    assertEquals(303, editor.post("/w/fleches/collections", form("name", "Suite")).statusCode());
    long suite = collectionId(office, "Suite");
    place(editor, "fleches", first, suite);
    place(editor, "fleches", archived, suite);
    place(editor, "fleches", last, suite);
    String page = "/w/fleches/m/" + archived.slug();
    assertEquals(303, editor.post(page + "/archive", form("confirm", "yes")).statusCode());

    assertEquals(
        303,
        editor.post("/w/fleches/m/" + last.slug() + "/move", form("direction", "up")).statusCode());
    Browser reader = app.signedIn(office, Role.ASSISTANT);
    assertOrder(reader.get("/w/fleches").body(), "Suite", "Clôture", "Accueil");
  }

  @Test
  void manuals_placed_at_once_in_an_empty_collection_each_get_a_place_of_their_own()
      throws Exception {
    Workspace office = app.workspace("en-meme-temps");
    shelf.createCollection(office, "Nouvelle", Actor.SYSTEM);
    long fresh = collectionId(office, "Nouvelle");
    List<Manual> placed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      placed.add(publish(office, "Manuel " + i, List.of(), "## Étape\nA.\n"));
    }
    for (Long collection : new Long[] {fresh, null}) {
      ExecutorService pool = Executors.newFixedThreadPool(placed.size());
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (Manual manual : placed) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  shelf.place(office, manual.slug(), collection, Actor.SYSTEM);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> each : done) {
        each.get();
      }
      pool.shutdown();
      List<Integer> positions =
          db.select(MANUAL.POSITION)
              .from(MANUAL)
              .where(MANUAL.WORKSPACE_ID.eq(office.id()))
              .fetch(MANUAL.POSITION);
      assertEquals(placed.size(), new HashSet<>(positions).size(), positions.toString());
    }
  }

  @Test
  void editors_group_manuals_in_collections_in_the_order_they_choose() {
    Workspace office = app.workspace("rayons");
    Manual travel = publish(office, "Voyages", List.of("déplacements"), "## Vol\nA.\n");
    Manual mail = publish(office, "Courrier", List.of(), "## Trier\nB.\n");
    Manual books = publish(office, "Comptabilité", List.of("banque"), "## Pointer\nC.\n");
    Browser editor = app.signedIn(office, Role.EDITOR);
    Browser assistant = app.signedIn(office, Role.ASSISTANT);

    String organizing = editor.get("/w/rayons?organize").body();
    assertTrue(organizing.contains("action=\"/w/rayons/collections\""), organizing);
    assertFalse(assistant.get("/w/rayons?organize").body().contains("/collections\""));
    assertEquals(403, assistant.post("/w/rayons/collections", form("name", "Sneaky")).statusCode());

    assertEquals(
        303, editor.post("/w/rayons/collections", form("name", "Au quotidien")).statusCode());
    assertEquals(303, editor.post("/w/rayons/collections", form("name", "Mensuel")).statusCode());
    var duplicate = editor.post("/w/rayons/collections", form("name", "mensuel"));
    assertEquals(400, duplicate.statusCode());
    assertTrue(duplicate.body().contains("There is already a collection named mensuel."));
    assertTrue(duplicate.body().contains("value=\"mensuel\""), "the name typed is kept");

    long daily = collectionId(office, "Au quotidien");
    long monthly = collectionId(office, "Mensuel");
    place(editor, travel, daily);
    place(editor, mail, daily);
    place(editor, books, monthly);
    assertOrder(
        assistant.get("/w/rayons").body(),
        "Au quotidien",
        "Voyages",
        "Courrier",
        "Mensuel",
        "Comptabilité");

    assertEquals(
        303,
        editor.post("/w/rayons/m/" + mail.slug() + "/move", form("direction", "up")).statusCode());
    assertEquals(
        303,
        editor
            .post("/w/rayons/collections/" + monthly + "/move", form("direction", "up"))
            .statusCode());
    assertOrder(
        assistant.get("/w/rayons").body(),
        "Mensuel",
        "Comptabilité",
        "Au quotidien",
        "Courrier",
        "Voyages");

    // An empty collection is the editors' to fill: readers do not see it (it told them to use
    // "Move to", which they cannot).
    assertEquals(303, editor.post("/w/rayons/collections", form("name", "Vide")).statusCode());
    assertFalse(assistant.get("/w/rayons").body().contains("Vide"));
    assertTrue(editor.get("/w/rayons").body().contains("Vide"));

    // Tags are links to the manuals that carry them.
    String tagged = assistant.get("/w/rayons?tag=d%C3%A9placements").body();
    assertTrue(tagged.contains("Voyages") && !tagged.contains("Courrier"), tagged);
    assertTrue(
        assistant
            .get("/w/rayons/m/" + travel.slug())
            .body()
            .contains("href=\"/w/rayons?tag=d%C3%A9placements\""));

    // Deleting a collection keeps its manuals.
    assertEquals(
        200, editor.post("/w/rayons/collections/" + daily + "/delete", form()).statusCode());
    assertEquals(
        303,
        editor
            .post("/w/rayons/collections/" + daily + "/delete", form("confirm", "yes"))
            .statusCode());
    String after = assistant.get("/w/rayons").body();
    assertFalse(after.contains("Au quotidien"));
    assertOrder(after, "Mensuel", "Comptabilité", "Other manuals", "Courrier", "Voyages");

    // Another workspace's collection cannot be used here.
    Workspace other = app.workspace("rayons-autres");
    shelf.createCollection(other, "Ailleurs", Actor.SYSTEM);
    long foreign = shelf.collections(other).get(0).id();
    assertEquals(
        404,
        editor
            .post(
                "/w/rayons/m/" + travel.slug() + "/collection",
                form("collection", String.valueOf(foreign)))
            .statusCode());
  }

  @Test
  void an_empty_workspace_says_how_to_start() {
    Workspace empty = app.workspace("tout-neuf");
    Account client = app.account(empty, Role.OWNER, "fr");
    Browser owner = app.browser();
    owner.login(client.email(), TestApp.PASSWORD);
    String page = owner.get("/w/tout-neuf").body();
    assertTrue(page.contains("Pour commencer"), page);
    assertTrue(page.contains("href=\"/w/tout-neuf/new?template=assistant-manual-fr\""), page);
    assertTrue(page.contains("href=\"/w/tout-neuf/import\""));
    assertTrue(page.contains("href=\"/w/tout-neuf/new\""));
    Account reader = app.account(empty, Role.ASSISTANT, "fr");
    Browser assistant = app.browser();
    assistant.login(reader.email(), TestApp.PASSWORD);
    String readerPage = assistant.get("/w/tout-neuf").body();
    assertTrue(readerPage.contains("Aucun manuel n'est encore publié ici."), readerPage);
    assertFalse(readerPage.contains("Pour commencer"));
  }

  private static long collectionId(Workspace workspace, String name) {
    return shelf.collections(workspace).stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static void place(Browser editor, Manual manual, long collection) {
    place(editor, "rayons", manual, collection);
  }

  private static void place(Browser editor, String workspace, Manual manual, long collection) {
    assertEquals(
        303,
        editor
            .post(
                "/w/" + workspace + "/m/" + manual.slug() + "/collection",
                form("collection", String.valueOf(collection)))
            .statusCode());
  }

  private static void assertOrder(String page, String... texts) {
    int at = -1;
    for (String text : texts) {
      int next = page.indexOf(text, at + 1);
      assertTrue(next > at, text + " should come after the text before it in: " + page);
      at = next;
    }
  }

  @Test
  void collections_named_at_once_get_one_name_and_clear_refusals_for_the_others() throws Exception {
    Workspace fresh = app.workspace("noms-en-meme-temps");
    int people = 8;
    CountDownLatch ready = new CountDownLatch(people);
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String name = i % 2 == 0 ? "Facturation" : "facturation";
      tasks.add(
          () -> {
            ready.countDown();
            ready.await();
            try {
              shelf.createCollection(fresh, name, Actor.SYSTEM);
              return "created";
            } catch (Refusal.Invalid taken) {
              return "taken";
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(people);
    try {
      List<String> outcomes = new ArrayList<>();
      for (Future<String> outcome : pool.invokeAll(tasks)) {
        outcomes.add(outcome.get()); // a 500 (the unique key) would be thrown here
      }
      assertEquals(1, outcomes.stream().filter("created"::equals).count(), outcomes.toString());
    } finally {
      pool.shutdown();
    }
    assertEquals(1, shelf.collections(fresh).size());
  }
}
