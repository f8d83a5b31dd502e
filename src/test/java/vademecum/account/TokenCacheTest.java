package vademecum.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.testing.TestApp;
import vademecum.workspace.Role;
import vademecum.workspace.Workspace;

/**
 * Bearer-token checks answered from memory: the cache answers, and every way of changing what a
 * token grants — through this node, or by a write this node did not make (another node, the CLI,
 * plain SQL) — takes effect on the next requests.
 */
class TokenCacheTest {
  private static TestApp app;
  private static TokenCache cache;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    cache = app.app().services().tokenCache();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_second_request_is_answered_from_memory_and_this_nodes_changes_take_effect_at_once() {
    Workspace first = app.workspace("cache-first");
    Workspace second = app.workspace("cache-second");
    Account account = app.account(first, Role.ASSISTANT);
    String token = app.app().services().tokens().create(account.id(), "cache");
    awaitCached(token);

    long hits = cache.hits();
    assertTrue(workspaces(token).contains("\"slug\":\"cache-first\""));
    assertEquals(hits + 1, cache.hits(), "answered from memory");

    var memberships = app.app().services().memberships();
    memberships.addMember(second, account.id(), Role.ASSISTANT, Actor.SYSTEM.accountId());
    assertTrue(workspaces(token).contains("\"slug\":\"cache-second\""), "added: seen at once");
    memberships.remove(first, account.id(), Actor.SYSTEM.accountId());
    assertFalse(workspaces(token).contains("\"slug\":\"cache-first\""), "removed: gone at once");
  }

  @Test
  void changes_this_node_did_not_make_arrive_through_postgresql() {
    Workspace workspace = app.workspace("cache-elsewhere");
    var sql = app.app().services().database().dsl();

    // Written as another node or the CLI would: nothing on this node is told but by PostgreSQL.
    Account removed = app.account(workspace, Role.EDITOR);
    String removedToken = app.app().services().tokens().create(removed.id(), "elsewhere");
    awaitCached(removedToken);
    sql.execute("delete from membership where account_id = ?", removed.id());
    awaitAnswer(removedToken, body -> !body.contains("\"slug\":\"cache-elsewhere\""));

    Account revoked = app.account(workspace, Role.EDITOR);
    String revokedToken = app.app().services().tokens().create(revoked.id(), "elsewhere");
    awaitCached(revokedToken);
    sql.execute("update api_token set revoked_at = now() where account_id = ?", revoked.id());
    awaitStatus(revokedToken, 401);

    Account disabled = app.account(workspace, Role.EDITOR);
    String disabledToken = app.app().services().tokens().create(disabled.id(), "elsewhere");
    awaitCached(disabledToken);
    sql.execute("update account set disabled = true where id = ?", disabled.id());
    awaitStatus(disabledToken, 401);

    Account renamed = app.account(workspace, Role.EDITOR);
    String renamedToken = app.app().services().tokens().create(renamed.id(), "elsewhere");
    awaitCached(renamedToken);
    sql.execute("update workspace set name = 'Renamed elsewhere' where id = ?", workspace.id());
    awaitAnswer(renamedToken, body -> body.contains("Renamed elsewhere"));
  }

  @Test
  void nothing_is_kept_while_changes_cannot_be_heard_nor_anything_read_before_a_change() {
    TokenCache deaf = new TokenCache();
    var entry =
        new TokenCache.Entry(
            new ApiTokenRepository.TokenHolder(
                new Account(1, "a@test.example", "A", "en", false, false), List.of()),
            null,
            deaf.generation());
    deaf.put("hash", entry);
    assertNull(deaf.get("hash"), "not listening: not kept");

    TokenCache listening = new TokenCache();
    listening.trustWhile(() -> true);
    long before = listening.generation();
    listening.forgetAll(); // a change committed while the grant was being read
    listening.put("hash", new TokenCache.Entry(entry.holder(), entry.lastUsed(), before));
    assertNull(listening.get("hash"), "read before the change: never answered");
    listening.put(
        "hash", new TokenCache.Entry(entry.holder(), entry.lastUsed(), listening.generation()));
    assertEquals(entry.holder(), listening.get("hash").holder());
  }

  private static String workspaces(String token) {
    HttpResponse<String> response = app.getWithBearer("/api/v1/workspaces", token);
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  /** The listener starts with the app: wait until a request of this token is a cache hit. */
  private static void awaitCached(String token) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      workspaces(token);
      long hits = cache.hits();
      workspaces(token);
      if (cache.hits() > hits) {
        return;
      }
      sleep();
    }
    throw new AssertionError("the token's check was never answered from memory");
  }

  /** Notifications arrive after commit, in milliseconds: two seconds is far more than enough. */
  private static void awaitAnswer(String token, Predicate<String> expected) {
    long deadline = System.nanoTime() + 2_000_000_000L;
    String body = workspaces(token);
    while (!expected.test(body)) {
      assertTrue(System.nanoTime() < deadline, "still answered from memory: " + body);
      sleep();
      body = workspaces(token);
    }
  }

  private static void awaitStatus(String token, int status) {
    long deadline = System.nanoTime() + 2_000_000_000L;
    int answered = app.getWithBearer("/api/v1/me", token).statusCode();
    while (answered != status) {
      assertTrue(System.nanoTime() < deadline, "still " + answered);
      sleep();
      answered = app.getWithBearer("/api/v1/me", token).statusCode();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
