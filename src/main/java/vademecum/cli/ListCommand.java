package vademecum.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vademecum.App;
import vademecum.db.Database;
import vademecum.kernel.Role;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Without --workspace: one line per workspace (slug, name, manuals).",
      "With it: one line per manual: slug, title, language, latest revision, published revision,",
      "procedures, source path. Tab-separated, for scripts."
    })
public final class ListCommand implements Callable<Integer> {
  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(names = "--workspace", description = "Workspace slug.")
  String workspace;

  @Override
  public Integer call() {
    try (Database database = Database.open(options.config())) {
      App.Services services = App.Services.build(options.config(), database);
      if (workspace == null) {
        services
            .workspaces()
            .all()
            .forEach(
                w -> System.out.println(w.slug() + "\t" + clean(w.name()) + "\t" + w.manuals()));
        return 0;
      }
      var found = services.workspaces().findBySlug(workspace);
      if (found.isEmpty()) {
        System.err.println("No workspace " + workspace);
        return 1;
      }
      services
          .manuals()
          .list(found.get(), Role.OWNER)
          .forEach(
              m ->
                  System.out.println(
                      String.join(
                          "\t",
                          m.slug(),
                          clean(m.title()),
                          m.language(),
                          String.valueOf(m.latestNumber()),
                          m.publishedNumber() == null ? "-" : String.valueOf(m.publishedNumber()),
                          String.valueOf(m.procedureCount()),
                          m.sourcePath() == null ? "-" : m.sourcePath())));
      return 0;
    }
  }

  /** A tab or newline inside a title would break the columns. */
  private static String clean(String text) {
    return text.replaceAll("[\\t\\r\\n]+", " ");
  }
}
