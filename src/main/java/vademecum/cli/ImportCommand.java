package vademecum.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vademecum.App;
import vademecum.db.Database;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualImporter;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import Markdown files as published manuals. A folder is imported with all its .md files;",
      "each file's path relative to the folder is kept, and importing it again adds a revision."
    })
public final class ImportCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(
      names = "--workspace",
      required = true,
      description = "Workspace slug (created if missing).")
  String workspace;

  @Option(
      names = "--language",
      description = "fr or en; else front matter, else guessed from the text.")
  String language;

  @Option(
      names = "--replace-edits",
      description =
          "Replace manuals changed in Vademecum since their file was last imported (their text"
              + " stays in the history); without it such files are left alone and reported.")
  boolean replaceEdits;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Markdown files or folders.")
  List<Path> paths;

  @Override
  public Integer call() {
    if (!workspace.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      System.err.println("The workspace slug must be lower-case letters, digits and hyphens.");
      return 2;
    }
    if (language != null && !language.equals("fr") && !language.equals("en")) {
      System.err.println("--language must be fr or en.");
      return 2;
    }
    for (Path path : paths) {
      if (!path.toFile().exists()) {
        System.err.println("No such file or folder: " + path);
        return 2;
      }
    }
    try (Database database = Database.open(options.config())) {
      App.Services services = App.Services.build(options.config(), database);
      Workspace target = services.workspaces().getOrCreate(workspace, workspace);
      List<ManualImporter.Source> sources = ManualImporter.collect(paths);
      Progress progress = new Progress(System.out);
      List<ManualImporter.Outcome> outcomes =
          services
              .importer()
              .importAll(
                  target,
                  Optional.ofNullable(language),
                  sources,
                  Actor.SYSTEM,
                  replaceEdits,
                  (done, total, outcome) ->
                      progress.step(
                          done,
                          total,
                          outcome.status().name().toLowerCase() + " " + outcome.sourcePath()));
      long failed =
          outcomes.stream().filter(o -> o.status() == ManualImporter.Status.FAILED).count();
      for (var status : ManualImporter.Status.values()) {
        long count = outcomes.stream().filter(o -> o.status() == status).count();
        System.out.printf("%s: %d%n", status.name().toLowerCase(), count);
      }
      outcomes.stream()
          .filter(o -> o.status() == ManualImporter.Status.FAILED)
          .forEach(o -> System.err.println("failed " + o.sourcePath() + ": " + o.message()));
      // Imported, but with links to files that were missing or refused: named with their line.
      outcomes.stream()
          .filter(o -> o.status() != ManualImporter.Status.FAILED && !o.message().isEmpty())
          .forEach(
              o ->
                  System.err.println(
                      "warning " + o.sourcePath() + ": " + o.message().replace("\n", " ")));
      return failed == 0 ? 0 : 1;
    }
  }
}
