package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vademecum.cli.VademecumCommand;
import vademecum.kernel.Actor;
import vademecum.manual.Draft;
import vademecum.testing.Scratch;
import vademecum.testing.TestApp;
import vademecum.testing.TestDatabase;

/** `reindex` next to a running server asks the server to rebuild, and waits for it. */
class ReindexCommandTest {

  @Test
  void reindex_beside_a_running_server_is_carried_out_by_the_server() throws Exception {
    Path data = Scratch.directory("vademecum-reindex");
    String url = TestDatabase.freshUrl();
    try (TestApp app = TestApp.start(data, url)) {
      var workspace = app.workspace("moreau");
      app.app()
          .services()
          .manuals()
          .create(
              workspace,
              new Draft(
                  "Guide", "fr", List.of(), "", "## Étape\nmot pélican\n", null, "", false, true),
              null,
              Actor.SYSTEM);
      app.app().indexer().catchUp();

      String output =
          runCli("reindex", "--data", data.toString(), "--database-url", url + "?user=postgres");

      assertTrue(output.contains("Rebuilt by the running server."), output);
      assertTrue(SearchIndex.committedRebuild(data.resolve("index")) > 0);
      var results =
          new Searcher(app.app().searchIndex())
              .search(new SearchRequest("pélican", Set.of("moreau"), null, null, null, 5, 0));
      assertEquals(1, results.total(), "searches still answer after the rebuild");
    }
  }

  private static String runCli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, VademecumCommand.commandLine().execute(args));
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
