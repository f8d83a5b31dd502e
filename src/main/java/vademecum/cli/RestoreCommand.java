package vademecum.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
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
    try (Database database = Database.open(options.config(Map.of("VADEMECUM_SAMPLES", "false")))) {
      var rows = Backup.restore(database, file);
      long total = rows.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf("%d rows of %d tables restored from %s%n", total, rows.size(), file);
      return 0;
    } catch (Backup.Refused refused) {
      System.err.println(refused.getMessage());
      return 1;
    }
  }
}
