package vademecum.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar vademecum.jar [command]}; without a command it serves. */
@Command(
    name = "vademecum",
    mixinStandardHelpOptions = true,
    version = "Vademecum 0.1",
    description = "Task manuals for virtual assistants: versioned Markdown, procedures, search.",
    subcommands = {
      ServeCommand.class,
      ImportCommand.class,
      ListCommand.class,
      ExportCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      UserCommand.class,
      TokenCommand.class,
      ReindexCommand.class
    })
public final class VademecumCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--port", description = "HTTP port (VADEMECUM_PORT, default 7070).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    ServeCommand serve = new ServeCommand();
    serve.options = options;
    serve.port = port;
    return serve.call();
  }
}
