package vademecum.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vademecum.App;
import vademecum.db.Database;
import vademecum.manual.ManualExporter;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes every manual of a workspace as a Markdown file with front matter (title, language,",
      "tags, description) under --out, plus index.json. `import --workspace OTHER DIR` reads them",
      "back into the same manuals with the same procedure keys."
    })
public final class ExportCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--workspace", required = true, description = "Workspace slug.")
  String workspace;

  @Option(names = "--out", required = true, description = "Folder to write into (created).")
  Path out;

  @Override
  public Integer call() throws IOException {
    try (Database database = Database.open(options.config())) {
      App.Services services = App.Services.build(options.config(), database);
      var found = services.workspaces().findBySlug(workspace);
      if (found.isEmpty()) {
        System.err.println("No workspace " + workspace);
        return 1;
      }
      if (Files.isDirectory(out)) {
        try (var entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            System.err.println(out + " is not empty: choose an empty or new folder.");
            return 1;
          }
        }
      }
      Progress progress = new Progress(System.err);
      List<ManualExporter.ExportedFile> files =
          services
              .exporter()
              .workspace(found.get(), (done, total, path) -> progress.step(done, total, path));
      Files.createDirectories(out);
      List<String> failed = ManualExporter.write(out, files);
      failed.forEach(line -> System.err.println("not written: " + line));
      System.out.printf(
          "%d manuals written to %s%n", files.size() - 1 - failed.size(), out.toAbsolutePath());
      return failed.isEmpty() ? 0 : 1;
    }
  }
}
