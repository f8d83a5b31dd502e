package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.REINDEX_REQUEST;
import static vademecum.db.schema.Tables.SEARCH_CHANGE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;

/** The index is derived: behind the database or deleted, it converges by itself on restart. */
class SearchRecoveryTest {

  @Test
  void an_index_behind_the_database_or_deleted_catches_up_on_restart() throws Exception {
    Path data = Scratch.directory("vademecum-recovery");
    String url = TestDatabase.freshUrl();

    try (TestApp first = TestApp.start(data, url)) {
      Workspace workspace = first.workspace("moreau");
      publish(first.app(), workspace, "Premier", "## Étape alpha\nmot témoin albatros\n");
      first.app().indexer().catchUp();
      assertEquals(1, count(first.app(), "albatros"));
    }

    // Written while no server runs: the index on disk knows nothing of it.
    try (Database database = Database.connect(url, "postgres", "", null)) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      Workspace workspace = services.workspaces().findBySlug("moreau").orElseThrow();
      services
          .manuals()
          .create(
              workspace,
              draft("Deuxième", "## Étape beta\nmot témoin baleine\n"),
              null,
              Actor.SYSTEM);
      var premier = services.manuals().require(workspace, "premier");
      services
          .manuals()
          .save(
              workspace,
              premier.slug(),
              new Draft(
                  "Premier",
                  "fr",
                  List.of(),
                  "",
                  "## Étape alpha\nmot témoin caribou\n",
                  1,
                  "",
                  false,
                  true),
              Actor.SYSTEM);
    }

    try (TestApp second = TestApp.start(data, url)) {
      awaitCount(second.app(), "baleine", 1);
      awaitCount(second.app(), "caribou", 1);
      assertEquals(0, count(second.app(), "albatros"), "the stale version is gone");
    }

    try (Stream<Path> files = Files.walk(data.resolve("index"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    try (TestApp third = TestApp.start(data, url)) {
      awaitCount(third.app(), "baleine", 1);
      awaitCount(third.app(), "caribou", 1);
      assertEquals(0, count(third.app(), "albatros"));
    }
  }

  @Test
  void a_rebuild_keeps_answering_searches_and_drops_nothing() throws Exception {
    try (TestApp app = TestApp.start()) {
      Workspace workspace = app.workspace("moreau");
      for (int i = 0; i < 20; i++) {
        publish(
            app.app(), workspace, "Manuel " + i, "## Procédure " + i + "\nmot commun colibri\n");
      }
      app.app().indexer().catchUp();
      assertEquals(20, count(app.app(), "colibri"));
      Thread rebuild = new Thread(() -> app.app().indexer().rebuild(0));
      rebuild.start();
      while (rebuild.isAlive()) {
        int seen = count(app.app(), "colibri");
        assertTrue(seen == 20, "searches during a rebuild see every manual: " + seen);
      }
      rebuild.join();
      assertEquals(20, count(app.app(), "colibri"));
      // A rebuild ends merged into one segment: each segment costs every search term a lookup.
      assertEquals(1, app.app().searchIndex().segmentCount());
    }
  }

  @Test
  void an_index_that_cannot_be_read_is_built_again_from_the_database() throws Exception {
    Path data = Scratch.directory("vademecum-unreadable");
    String url = TestDatabase.freshUrl();
    try (TestApp first = TestApp.start(data, url)) {
      publish(first.app(), first.workspace("moreau"), "Premier", "## Étape\nmot témoin goéland\n");
      first.app().indexer().catchUp();
      assertEquals(1, count(first.app(), "goéland"));
    }
    // A commit point Lucene cannot parse (an unknown format, a torn disk write).
    try (Stream<Path> files = Files.list(data.resolve("index"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
        Files.write(file, "not an index".getBytes(StandardCharsets.UTF_8));
      }
    }
    try (TestApp second = TestApp.start(data, url)) {
      awaitCount(second.app(), "goéland", 1);
    }
  }

  @Test
  void an_index_whose_segment_files_are_damaged_is_built_again_from_the_database()
      throws Exception {
    Path data = Scratch.directory("vademecum-damaged-segment");
    String url = TestDatabase.freshUrl();
    try (TestApp first = TestApp.start(data, url)) {
      publish(first.app(), first.workspace("moreau"), "Premier", "## Étape\nmot témoin cormoran\n");
      first.app().indexer().catchUp();
      assertEquals(1, count(first.app(), "cormoran"));
    }
    // The commit point reads; a segment's own file is cut short (a disk error, a bad copy).
    try (Stream<Path> files = Files.list(data.resolve("index"))) {
      for (Path file :
          files
              .filter(f -> !f.getFileName().toString().startsWith("segments_"))
              .filter(f -> !f.getFileName().toString().equals("write.lock"))
              .toList()) {
        Files.write(file, "cut".getBytes(StandardCharsets.UTF_8));
      }
    }
    try (TestApp second = TestApp.start(data, url)) {
      awaitCount(second.app(), "cormoran", 1);
    }
  }

  @Test
  void a_database_older_than_the_index_has_it_rebuilt() throws Exception {
    Path data = Scratch.directory("vademecum-older-database");
    String url = TestDatabase.freshUrl();
    try (TestApp app = TestApp.start(data, url)) {
      var indexer = app.app().indexer();
      var dsl = app.app().services().database().dsl();
      new SearchRepository().requestReindex(dsl);
      indexer.catchUp();
      // A manual the change log does not name above the watermark, and reindex requests below the
      // one the index did: the database of a point-in-time recovery, as the index sees it.
      publish(app.app(), app.workspace("moreau"), "Restauré", "## Étape\nmot témoin pélican\n");
      dsl.deleteFrom(SEARCH_CHANGE).execute();
      dsl.deleteFrom(REINDEX_REQUEST).execute();
      indexer.catchUp();
      assertEquals(1, count(app.app(), "pélican"));
      assertEquals(
          0, app.app().searchIndex().reindexDone(), "rebuilt: the database's requests count");
    }
  }

  @Test
  void a_manual_that_cannot_be_indexed_keeps_its_documents_and_stops_nothing_else()
      throws Exception {
    try (TestApp app = TestApp.start()) {
      Workspace workspace = app.workspace("moreau");
      publish(app.app(), workspace, "Bon", "## Étape\nmot témoin héron\n");
      publish(app.app(), workspace, "Mauvais", "## Étape\nmot témoin ibis\n");
      app.app().indexer().catchUp();
      assertEquals(1, count(app.app(), "ibis"));
      // Text the splitter refuses (two procedures with one key), written behind the service's
      // back, then a change to the other manual.
      try (var connection = app.app().services().database().dataSource().getConnection();
          var statement =
              connection.prepareStatement(
                  "with bad as (insert into revision"
                      + " (manual_id, number, title, tags, markdown, procedure_count, author_id)"
                      + " select r.manual_id, r.number + 1, r.title, r.tags, ?, 2, r.author_id"
                      + " from revision r join manual m on m.published_revision_id = r.id"
                      + " where m.slug = 'mauvais' returning id, manual_id)"
                      + " update manual set published_revision_id = bad.id, latest_revision_id ="
                      + " bad.id from bad where manual.id = bad.manual_id")) {
        statement.setString(1, "## Double\nmot témoin jaguar\n\n## Double\nencore\n");
        assertEquals(1, statement.executeUpdate());
        connection
            .createStatement()
            .execute(
                "insert into search_change (manual_id)"
                    + " select id from manual where slug = 'mauvais'");
      }
      var manuals = app.app().services().manuals();
      manuals.save(
          workspace,
          "bon",
          new Draft("Bon", "fr", List.of(), "", "## Étape\nmot témoin koala\n", 1, "", false, true),
          Actor.SYSTEM);

      app.app().indexer().catchUp();
      assertEquals(1, count(app.app(), "koala"), "the other manual's change is applied");
      assertEquals(1, count(app.app(), "ibis"), "the manual keeps its previous documents");
      assertEquals(0, count(app.app(), "jaguar"));

      app.app().indexer().rebuild(0);
      assertEquals(1, count(app.app(), "koala"), "a rebuild goes past it");
      assertEquals(1, count(app.app(), "ibis"));
      assertEquals(0, count(app.app(), "héron"));
    }
  }

  /**
   * Transaction ids are not commit order: a transaction that took its id before another and commits
   * after it must still reach the index, and the later one must not wait for it.
   */
  @Test
  void a_change_committed_after_a_later_one_is_not_skipped() throws Exception {
    try (TestApp app = TestApp.start()) {
      Workspace workspace = app.workspace("moreau");
      publish(app.app(), workspace, "Ancien", "## Étape\nmot témoin dauphin\n");
      var manuals = app.app().services().manuals();
      manuals.save(
          workspace,
          "ancien",
          new Draft(
              "Ancien", "fr", List.of(), "", "## Étape\nmot témoin espadon\n", 1, "", false, false),
          Actor.SYSTEM);
      var ancien = manuals.require(workspace, "ancien");
      long draftRevision = manuals.latest(ancien).id();
      app.app().indexer().catchUp();
      assertEquals(0, count(app.app(), "espadon"), "a draft is not searchable");

      try (var early = app.app().services().database().dataSource().getConnection()) {
        early.setAutoCommit(false);
        try (var statement = early.createStatement()) {
          statement.execute("select pg_current_xact_id()"); // takes its id now
        }
        publish(app.app(), workspace, "Récent", "## Étape\nmot témoin flamant\n");
        app.app().indexer().catchUp();
        assertEquals(
            1, count(app.app(), "flamant"), "a later commit does not wait for an open transaction");
        try (var publish =
                early.prepareStatement("update manual set published_revision_id = ? where id = ?");
            var change =
                early.prepareStatement("insert into search_change (manual_id) values (?)")) {
          publish.setLong(1, draftRevision);
          publish.setLong(2, ancien.id());
          publish.executeUpdate();
          change.setLong(1, ancien.id());
          change.executeUpdate();
        }
        early.commit();
      }
      app.app().indexer().catchUp();
      assertEquals(1, count(app.app(), "espadon"), "the early transaction's change is applied");
      assertEquals(0, count(app.app(), "dauphin"));
      assertEquals(1, count(app.app(), "flamant"));
    }
  }

  private static Draft draft(String title, String markdown) {
    return new Draft(title, "fr", List.of(), "", markdown, null, "", false, true);
  }

  private static void publish(App app, Workspace workspace, String title, String markdown) {
    app.services().manuals().create(workspace, draft(title, markdown), null, Actor.SYSTEM);
  }

  private static int count(App app, String word) {
    return new Searcher(app.searchIndex())
        .search(new SearchRequest(word, Set.of("moreau"), null, null, null, 50, 0))
        .total();
  }

  private static void awaitCount(App app, String word, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (count(app, word) != expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(expected, count(app, word), word);
  }
}
