package vademecum.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vademecum.App;
import vademecum.ack.Dashboard;
import vademecum.config.Config;
import vademecum.db.Database;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.TestDatabase;

/**
 * The acknowledgement dashboard of a workspace with 50 assistants and 500 procedures (50 manuals of
 * 10), a third of the cells acknowledged: prints the time of one dashboard.
 *
 * <p>./mvnw -q -Pbench test-compile exec:java -Dexec.mainClass=vademecum.bench.DashboardBenchmark
 */
public final class DashboardBenchmark {
  public static void main(String[] args) throws Exception {
    try (Database database = TestDatabase.fresh()) {
      App.Services services = App.Services.build(Config.fromEnvironment(Map.of()), database);
      Workspace workspace = services.workspaces().getOrCreate("big", "Big client");
      List<Account> assistants = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Account account =
            services
                .accounts()
                .create(
                    "assistant" + i + "@bench.example",
                    "Assistant " + i,
                    "fr",
                    "long enough password",
                    false,
                    null);
        services
            .memberships()
            .addMember(workspace, account.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
        assistants.add(account);
      }
      List<Long> manualIds = new ArrayList<>();
      for (int m = 0; m < 50; m++) {
        StringBuilder markdown = new StringBuilder();
        for (int p = 0; p < 10; p++) {
          markdown.append("## Procédure ").append(p).append("\nTexte ").append(m).append('\n');
        }
        manualIds.add(
            services
                .manuals()
                .create(
                    workspace,
                    new Draft(
                        "Manuel " + m,
                        "fr",
                        List.of(),
                        "",
                        markdown.toString(),
                        null,
                        "",
                        false,
                        true),
                    null,
                    Actor.SYSTEM)
                .manual()
                .id());
      }
      Random random = new Random(1);
      for (Account assistant : assistants) {
        List<Long> versions = new ArrayList<>();
        for (Long manualId : manualIds) {
          services
              .acks()
              .standingsInManual(assistant.id(), manualId)
              .values()
              .forEach(
                  s -> {
                    if (random.nextInt(3) == 0) {
                      versions.add(s.currentVersionId());
                    }
                  });
        }
        services.acks().acknowledge(assistant.id(), workspace.id(), versions);
      }
      Latencies latencies = new Latencies();
      Dashboard dashboard = null;
      for (int i = 0; i < 25; i++) {
        long t = System.nanoTime();
        dashboard = services.acks().dashboard(workspace);
        if (i >= 5) {
          latencies.add(System.nanoTime() - t);
        }
      }
      System.out.printf(
          "dashboard of %d assistants x %d procedures: %s%n",
          dashboard.assistants().size(), dashboard.procedures().size(), latencies.summary());
    }
    System.exit(0);
  }
}
