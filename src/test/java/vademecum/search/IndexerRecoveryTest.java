package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;

/**
 * The index kept in step with PostgreSQL when a catch-up fails on the way, and when a change that
 * is not a publish changes how the published text is indexed. Each test has its own index and
 * indexer, beside the app's.
 */
class IndexerRecoveryTest {
  private static TestApp app;
  private static Workspace workspace;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    workspace = app.workspace("ready");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_catch_up_that_fails_halfway_applies_the_same_changes_on_the_next_run() throws Exception {
    Path dir = Scratch.directory("vademecum-retried-index");
    var services = app.app().services();
    var dsl = services.database().dsl();
    try (SearchIndex index = new SearchIndex(dir);
        SearchIndexer indexer =
            new SearchIndexer(dsl, services.search(), services.markdown(), index)) {
      indexer.catchUp();
      app.publish(workspace, "Escale", "## Zanzibar\nLe vol du matin.\n");
      // PostgreSQL fails the read of the changed manual's text (as when it restarts).
      dsl.execute("alter table revision rename to revision_away");
      try {
        indexer.catchUp();
        throw new AssertionError("the catch-up read nothing and did not fail");
      } catch (RuntimeException expected) {
        // logged and retried by the background task
      } finally {
        dsl.execute("alter table revision_away rename to revision");
      }
      indexer.catchUp();
      var hits =
          new Searcher(index)
              .search(new SearchRequest("zanzibar", Set.of("ready"), null, null, null, 10, 0))
              .hits();
      assertEquals(1, hits.size(), "the change was applied on the retry, not dropped");
      assertEquals(SearchIndexer.State.CAUGHT_UP, indexer.status().state());
    }
  }

  @Test
  void a_draft_that_changes_the_language_changes_how_the_published_text_is_indexed()
      throws Exception {
    Path dir = Scratch.directory("vademecum-language-index");
    var services = app.app().services();
    var dsl = services.database().dsl();
    app.publish(workspace, "Facturation", "fr", "## Relancer\nRelancer les factures impayées.\n");
    try (SearchIndex index = new SearchIndex(dir);
        SearchIndexer indexer =
            new SearchIndexer(dsl, services.search(), services.markdown(), index)) {
      indexer.catchUp();
      assertEquals(1, inLanguage(index, "facturation", "fr"));
      var manuals = services.manuals();
      var latest = manuals.latest(manuals.require(workspace, "facturation"));
      manuals.save(
          workspace,
          "facturation",
          new Draft(
              latest.title(),
              "en",
              List.of(),
              "",
              latest.markdown(),
              latest.number(),
              "",
              false,
              false),
          Actor.SYSTEM);
      indexer.catchUp();
      assertEquals(1, inLanguage(index, "facturation", "en"), "as PostgreSQL now says");
      assertEquals(0, inLanguage(index, "facturation", "fr"));
    }
  }

  /** How many of the manual's procedures the index holds in that language. */
  private static int inLanguage(SearchIndex index, String manual, String language)
      throws Exception {
    IndexSearcher searcher = index.acquire();
    try {
      return searcher.count(
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(SearchFields.MANUAL, manual)), BooleanClause.Occur.FILTER)
              .add(
                  new TermQuery(new Term(SearchFields.LANGUAGE, language)),
                  BooleanClause.Occur.FILTER)
              .add(
                  new TermQuery(new Term(SearchFields.WORKSPACE, "ready")),
                  BooleanClause.Occur.FILTER)
              .build());
    } finally {
      index.release(searcher);
    }
  }
}
