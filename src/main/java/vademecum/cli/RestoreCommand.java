package vademecum.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vademecum.config.Config;
import vademecum.db.Backup;
import vademecum.db.Database;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Loads a backup made by `backup` into an empty instance: a new --data directory (or a new",
      "database with --database-url), all of it or nothing. Start `serve` on it afterwards: the",
      "search index is rebuilt from the restored database."
    })
public final class RestoreCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Parameters(paramLabel = "FILE", description = "The backup file.")
  Path file;

  @Override
  public Integer call() throws Exception {
    Config config = options.config(Map.of("VADEMECUM_SAMPLES", "false"));
    try (Database database = Database.open(config)) {
      if (database.attachedToAnotherProcess()) {
        // The server would go on with the search index deleted under it and its caches of the
        // old database: a restore is made with the server stopped.
        System.err.println(
            "Another Vademecum process (the server, or a command) is using "
                + config.dataDir()
                + ": stop it, then restore. Nothing was written.");
        return 1;
      }
      var rows = Backup.restore(database, file);
      long total = rows.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf("%d rows of %d tables restored from %s%n", total, rows.size(), file);
      // A search index left in the data directory was made from another database (a new one was
      // given with --database-url): its watermark and reindex count mean nothing here, and it
      // would keep answering from the old documents. It is rebuilt at the next start.
      if (Files.isDirectory(config.indexDir())) {
        try (Stream<Path> files = Files.walk(config.indexDir())) {
          for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
        System.out.printf("the search index in %s will be rebuilt at start%n", config.indexDir());
      }
      return 0;
    } catch (Backup.Refused refused) {
      System.err.println(refused.getMessage());
      return 1;
    }
  }
}
