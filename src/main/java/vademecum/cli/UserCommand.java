package vademecum.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vademecum.App;
import vademecum.db.Database;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.workspace.MembershipService;

@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage accounts.",
    subcommands = {UserCommand.Add.class})
public final class UserCommand implements Runnable {
  @Override
  public void run() {
    System.err.println("Use: user add --email E --name N [--admin] [--workspace SLUG --role ROLE]");
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Create an account. The password is read from standard input when one is piped in,",
        "else generated and printed once."
      })
  static final class Add implements Callable<Integer> {
    @Mixin ConfigOptions options = new ConfigOptions();

    @Option(names = "--email", required = true)
    String email;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--language", defaultValue = "fr", description = "fr or en (default fr).")
    String language;

    @Option(names = "--admin", description = "Instance administrator.")
    boolean admin;

    @Option(
        names = "--workspace",
        description = "Add the account to this workspace (created if missing).")
    String workspace;

    @Option(
        names = "--role",
        description = "owner, editor, assistant or recruiter (with --workspace).")
    String role;

    @Override
    public Integer call() throws IOException {
      if ((workspace == null) != (role == null)) {
        System.err.println("--workspace and --role go together.");
        return 2;
      }
      Role parsedRole = null;
      if (role != null) {
        try {
          parsedRole = Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          System.err.println("--role must be owner, editor, assistant or recruiter.");
          return 2;
        }
      }
      if (workspace != null && !MembershipService.validSlug(workspace)) {
        System.err.println("The workspace slug must be lower-case letters, digits and hyphens.");
        return 2;
      }
      String piped = System.console() == null ? readStdin() : null;
      String password = piped == null || piped.isBlank() ? Secrets.newPassword() : piped.strip();
      try (Database database = Database.open(options.config())) {
        App.Services services = App.Services.build(options.config(), database);
        Account account = services.accounts().create(email, name, language, password, admin, null);
        if (workspace != null) {
          Workspace target = services.workspaces().getOrCreate(workspace, workspace);
          services
              .memberships()
              .addMember(target, account.id(), parsedRole, Actor.SYSTEM.accountId());
        }
        System.out.println("Created " + account.email() + (admin ? " (administrator)" : ""));
        if (piped == null || piped.isBlank()) {
          System.out.println("Password: " + password);
        }
        return 0;
      } catch (Refusal refusal) {
        System.err.println(refusal.getMessage());
        return 1;
      }
    }

    private static String readStdin() throws IOException {
      if (System.in.available() <= 0) {
        return null;
      }
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
          .readLine();
    }
  }
}
