package vademecum.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vademecum.db.Backup;
import vademecum.db.Database;

@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a consistent copy of the whole database to --out (one snapshot, taken while the",
      "server keeps serving). `restore FILE` loads it into a new data directory or database;",
      "the search index is rebuilt there at the first start."
    })
public final class BackupCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--out", required = true, description = "The backup file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    try (Database database = Database.open(options.config())) {
      var rows = Backup.write(database, out);
      long total = rows.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(
          "%d rows of %d tables written to %s%n", total, rows.size(), out.toAbsolutePath());
      return 0;
    }
  }
}
