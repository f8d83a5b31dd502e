package vademecum.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import vademecum.account.AccountService;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;

/**
 * The people of the demo client, created with the sample manuals on an instance's first start.
 * Passwords are random: printed once and written to {@code <data>/demo-logins.txt} (owner-only).
 */
public final class DemoAccounts {
  public record Login(String role, String email, String password) {}

  private record Person(String email, String name, String language, Role role) {}

  private static final List<Person> PEOPLE =
      List.of(
          new Person("claire@moreau-conseil.example", "Claire Moreau", "fr", Role.OWNER),
          new Person("julie@moreau-conseil.example", "Julie Martin", "fr", Role.EDITOR),
          new Person("sophie@assistantes.example", "Sophie Bernard", "fr", Role.ASSISTANT),
          new Person("karim@assistantes.example", "Karim Haddad", "en", Role.ASSISTANT),
          new Person("lucas@recrutement.example", "Lucas Petit", "fr", Role.RECRUITER));

  private final AccountService accounts;
  private final MembershipService memberships;

  public DemoAccounts(AccountService accounts, MembershipService memberships) {
    this.accounts = accounts;
    this.memberships = memberships;
  }

  public List<Login> create(Workspace workspace, Path dataDir) {
    List<Login> logins = new ArrayList<>();
    String adminPassword = Secrets.newPassword();
    accounts.create("admin@vademecum.example", "Administrateur", "fr", adminPassword, true, null);
    logins.add(new Login("admin", "admin@vademecum.example", adminPassword));
    for (Person person : PEOPLE) {
      String password = Secrets.newPassword();
      Account account =
          accounts.create(person.email(), person.name(), person.language(), password, false, null);
      memberships.addMember(workspace, account.id(), person.role(), Actor.SYSTEM.accountId());
      logins.add(new Login(person.role().name().toLowerCase(), person.email(), password));
    }
    write(dataDir.resolve("demo-logins.txt"), logins);
    return logins;
  }

  private static void write(Path file, List<Login> logins) {
    StringBuilder text =
        new StringBuilder("# Demo logins created on first start. Delete this file once noted.\n");
    logins.forEach(
        l ->
            text.append(l.role())
                .append('\t')
                .append(l.email())
                .append('\t')
                .append(l.password())
                .append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file keeps the default permissions
    }
  }
}
