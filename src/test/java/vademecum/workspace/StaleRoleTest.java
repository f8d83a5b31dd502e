package vademecum.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.ACCOUNT;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.App;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.share.ShareService;
import vademecum.testing.TestApp;
import vademecum.web.WebServer;

/**
 * The role a request was let in with can be gone by the time it writes: what a removal or a
 * demotion takes back (an owner's webhooks, a sharer's links, an owner's invitations) is refused to
 * someone no longer allowed, checked again in the writing transaction. Here the route's check is
 * passed over, as a request that began before the removal committed would have.
 */
class StaleRoleTest {
  private static TestApp app;
  private static App.Services services;
  private static Workspace workspace;
  private static Account owner;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    services = app.app().services();
    workspace = app.workspace("stale-roles");
    owner = app.account(workspace, Role.OWNER);
    app.publish(workspace, "Courrier", "fr", "## Tri\n\n1. Trier.\n");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static int status(Runnable write) {
    return WebServer.status(assertThrows(Refusal.class, write::run));
  }

  @Test
  void a_removed_owner_adds_no_webhook() {
    Account former = app.account(workspace, Role.OWNER);
    services.memberships().remove(workspace, former.id(), owner.id());
    int before = services.webhooks().list(workspace).size();
    assertEquals(
        403,
        status(
            () ->
                services
                    .webhooks()
                    .add(workspace, "http://127.0.0.1:9/hook", new Actor(former.id(), "Former"))));
    assertEquals(before, services.webhooks().list(workspace).size());
  }

  @Test
  void a_removed_recruiter_makes_no_share_link() {
    Account former = app.account(workspace, Role.RECRUITER);
    services.memberships().remove(workspace, former.id(), owner.id());
    assertEquals(
        403,
        status(
            () ->
                services
                    .shares()
                    .create(
                        workspace,
                        new ShareService.Request(
                            List.of("courrier"), "Candidate", 7, List.of(), false),
                        new Actor(former.id(), "Former"))));
  }

  @Test
  void a_demoted_owner_invites_no_one() {
    Account demoted = app.account(workspace, Role.OWNER);
    services.memberships().changeRole(workspace, demoted.id(), Role.EDITOR, owner.id());
    assertEquals(
        403,
        status(
            () ->
                services
                    .memberships()
                    .invite(workspace, "late@test.example", Role.ASSISTANT, demoted.id())));
    // Still an owner: the invitation is made.
    services.memberships().invite(workspace, "on-time@test.example", Role.ASSISTANT, owner.id());
  }

  @Test
  void a_demoted_owner_changes_no_role_and_removes_no_one() {
    Account demoted = app.account(workspace, Role.OWNER);
    Account assistant = app.account(workspace, Role.ASSISTANT);
    services.memberships().changeRole(workspace, demoted.id(), Role.EDITOR, owner.id());
    assertEquals(
        403,
        status(
            () ->
                services
                    .memberships()
                    .changeRole(workspace, assistant.id(), Role.OWNER, demoted.id())));
    assertEquals(
        403, status(() -> services.memberships().remove(workspace, assistant.id(), demoted.id())));
    assertEquals(
        Role.ASSISTANT,
        services.memberships().members(workspace).stream()
            .filter(m -> m.accountId() == assistant.id())
            .findFirst()
            .orElseThrow()
            .role());
  }

  @Test
  void two_invitations_to_one_new_address_accepted_at_once_make_one_account() throws Exception {
    String first =
        services.memberships().invite(workspace, "twice@test.example", Role.ASSISTANT, owner.id());
    String second =
        services.memberships().invite(workspace, "twice@test.example", Role.EDITOR, owner.id());
    for (int round = 0; round < 3; round++) {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Integer>> both = new ArrayList<>();
      for (String token : List.of(first, second)) {
        both.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    go.await();
                    services.memberships().accept(token, null, "Twice", TestApp.PASSWORD);
                    return 200;
                  } catch (Refusal refusal) {
                    return WebServer.status(refusal);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var one : both) {
        statuses.add(one.get(30, TimeUnit.SECONDS));
      }
      // One makes the account; the other is told to sign in (409), or, once the account exists,
      // that an unconfirmed address's invitation waits (403): never an error page.
      assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 403 || s == 409), "" + statuses);
      if (statuses.contains(200)) {
        break;
      }
    }
    assertEquals(
        1, services.database().dsl().fetchCount(ACCOUNT, ACCOUNT.EMAIL.eq("twice@test.example")));
  }
}
