package vademecum.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vademecum.db.EmbeddedDatabase;
import vademecum.kernel.Refusal;

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

  /**
   * The command line as the jar runs it. A refusal ("the name is too long") or a file that cannot
   * be read or written is the person's input, and a data directory another process is using is
   * theirs to wait for: said in one line with exit code 1; picocli printed the stack trace of
   * anything a command threw.
   */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new VademecumCommand());
    line.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof Refusal
              || e instanceof IOException
              || e instanceof UncheckedIOException
              || e instanceof EmbeddedDatabase.InUse) {
            cmd.getErr().println(cmd.getCommandName() + ": " + message(e));
            return 1;
          }
          throw e;
        });
    return line;
  }

  private static String message(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return switch (cause) {
      case NoSuchFileException missing -> "no such file or folder: " + missing.getFile();
      case AccessDeniedException denied -> "not allowed to use " + denied.getFile();
      case FileAlreadyExistsException exists -> "already exists: " + exists.getFile();
      default -> cause.getMessage() == null ? cause.toString() : cause.getMessage();
    };
  }

  @Override
  public Integer call() throws Exception {
    ServeCommand serve = new ServeCommand();
    serve.options = options;
    serve.port = port;
    return serve.call();
  }
}
