package vademecum.cli;

import java.util.concurrent.Callable;
import org.apache.lucene.store.LockObtainFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vademecum.App;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.search.SearchIndex;
import vademecum.search.SearchIndexer;

@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the search index from PostgreSQL. Searches keep working meanwhile.",
      "When a server runs on the same data directory, it does the rebuild and this waits for it."
    })
public final class ReindexCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Override
  public Integer call() throws Exception {
    Config config = options.config();
    try (Database database = Database.open(config)) {
      App.Services services = App.Services.build(config, database);
      long request = services.search().requestReindex(services.database().dsl());
      Progress progress = new Progress(System.out);
      try (SearchIndex index = new SearchIndex(config.indexDir())) {
        new SearchIndexer(services.database().dsl(), services.search(), services.markdown(), index)
            .rebuild(request, (done, total) -> progress.step(done, total, "manuals"));
        System.out.println("Rebuilt: " + index.documentCount() + " documents.");
        return 0;
      } catch (RuntimeException e) {
        if (!(e.getCause() instanceof LockObtainFailedException)) {
          throw e;
        }
      }
      System.out.println("A running server holds the index; it is rebuilding it now.");
      long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
      while (SearchIndex.committedRebuild(config.indexDir()) < request) {
        if (System.nanoTime() > deadline) {
          System.err.println("The server did not finish the rebuild within 30 minutes.");
          return 1;
        }
        Thread.sleep(250);
      }
      System.out.println("Rebuilt by the running server.");
      return 0;
    }
  }
}
