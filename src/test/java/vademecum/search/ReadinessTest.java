package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Workspace;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;

/**
 * {@code /ready} and the indexer's state: a node is ready once its index has caught up with
 * PostgreSQL, and says how far it is when it has not.
 */
class ReadinessTest {
  private static final ObjectMapper json = new ObjectMapper();
  private static TestApp app;
  private static Workspace workspace;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("ready");
    for (int i = 1; i <= 3; i++) {
      app.publish(workspace, "Manual " + i, "## Step " + i + "\nDo it.\n");
    }
    app.app().indexer().catchUp();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonNode ready(int status) throws Exception {
    var answer = app.get("/ready");
    assertEquals(status, answer.statusCode(), answer.body());
    return json.readTree(answer.body());
  }

  @Test
  void a_node_whose_index_caught_up_is_ready() throws Exception {
    JsonNode ready = ready(200);
    assertEquals("ready", ready.get("status").asText());
    assertEquals("ok", ready.get("database").asText());
    assertEquals("caught-up", ready.at("/search/state").asText());
    assertEquals(0, ready.at("/search/pendingChanges").asLong());
    // /health says only that the node can serve.
    assertEquals(200, app.get("/health").statusCode());
  }

  @Test
  void a_rebuild_asked_for_leaves_the_node_ready_and_reports_its_progress() throws Exception {
    List<JsonNode> during = new ArrayList<>();
    app.app()
        .indexer()
        .rebuild(
            Long.MAX_VALUE - 1,
            (done, total) -> {
              try {
                during.add(ready(200));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertEquals(3, during.size());
    for (int i = 0; i < 3; i++) {
      assertEquals("rebuilding", during.get(i).at("/search/state").asText());
      assertEquals(i + 1, during.get(i).at("/search/rebuilt").asInt());
      assertEquals(3, during.get(i).at("/search/toRebuild").asInt());
    }
    assertEquals("caught-up", ready(200).at("/search/state").asText());
  }

  @Test
  void an_index_built_from_nothing_starts_then_builds_then_has_caught_up() throws Exception {
    Path dir = Scratch.directory("vademecum-ready-index");
    var services = app.app().services();
    try (SearchIndex index = new SearchIndex(dir);
        SearchIndexer indexer =
            new SearchIndexer(
                services.database().dsl(), services.search(), services.markdown(), index)) {
      assertEquals(SearchIndexer.State.STARTING, indexer.status().state());
      assertTrue(indexer.status().pending().size() >= 3, "every change is still to apply");
      List<SearchIndexer.Status> during = new ArrayList<>();
      indexer.rebuild(0, (done, total) -> during.add(indexer.status()));
      assertEquals(3, during.size());
      assertTrue(during.stream().allMatch(s -> s.state() == SearchIndexer.State.BUILDING));
      assertTrue(during.stream().noneMatch(s -> s.state().serves()));
      assertEquals(List.of(1, 2, 3), during.stream().map(SearchIndexer.Status::rebuilt).toList());
      indexer.catchUp();
      assertEquals(SearchIndexer.State.CAUGHT_UP, indexer.status().state());
      assertEquals(0, indexer.status().pending().size());
    }
  }

  @Test
  void a_change_left_unapplied_makes_the_node_not_ready_until_the_indexer_applies_it()
      throws Exception {
    Path dir = Scratch.directory("vademecum-lagging-index");
    var services = app.app().services();
    var dsl = services.database().dsl();
    try (SearchIndex index = new SearchIndex(dir);
        SearchIndexer indexer =
            new SearchIndexer(dsl, services.search(), services.markdown(), index)) {
      indexer.catchUp();
      assertEquals(SearchIndexer.State.CAUGHT_UP, indexer.status().state());
      long manualId = services.manuals().require(workspace, "manual-1").id();
      // A change committed a minute ago that this indexer (not polling) has not applied.
      dsl.execute(
          "insert into search_change (manual_id, at) values (?, now() - interval '1 minute')",
          manualId);
      var status = indexer.status();
      assertEquals(SearchIndexer.State.LAGGING, status.state());
      assertEquals(1, status.pending().size());
      assertTrue(status.pending().oldest().toSeconds() >= 59, status.toString());
      assertTrue(!status.state().serves());
      indexer.catchUp();
      assertEquals(SearchIndexer.State.CAUGHT_UP, indexer.status().state());
    }
    // The app's own indexer applied it as well: the node is ready.
    app.app().indexer().catchUp();
    assertEquals("ready", ready(200).get("status").asText());
  }
}
