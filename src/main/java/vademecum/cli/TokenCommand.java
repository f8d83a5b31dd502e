package vademecum.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vademecum.App;
import vademecum.db.Database;

@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Personal API tokens.",
    subcommands = {TokenCommand.Create.class})
public final class TokenCommand implements Runnable {
  @Override
  public void run() {
    System.err.println("Use: token create --email E [--name N]");
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Print a new API token for the account (shown once; only its hash is kept).")
  static final class Create implements Callable<Integer> {
    @Mixin ConfigOptions options = new ConfigOptions();

    @Option(names = "--email", required = true)
    String email;

    @Option(names = "--name", defaultValue = "CLI token")
    String name;

    @Override
    public Integer call() {
      try (Database database = Database.open(options.config())) {
        App.Services services = App.Services.build(options.config(), database);
        var account = services.accounts().findByEmail(email);
        if (account.isEmpty()) {
          System.err.println("No account " + email);
          return 1;
        }
        System.out.println(services.tokens().create(account.get().id(), name));
        return 0;
      }
    }
  }
}
