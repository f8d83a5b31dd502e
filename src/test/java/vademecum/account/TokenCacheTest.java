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
  void this_nodes_own_changes_forget_without_waiting_for_postgresql() {
    // A cache that no notification reaches: only the synchronous forgetting can empty it.
    TokenCache own = new TokenCache();
    own.trustWhile(() -> true);
    var dsl = app.app().services().database().dsl();
    var audit = new vademecum.audit.AuditLog();
    ApiTokens tokens = new ApiTokens(dsl, new ApiTokenRepository(dsl), audit, own);
    var memberships =
        new vademecum.workspace.MembershipService(
            dsl,
            new vademecum.workspace.WorkspaceRepository(dsl),
            new vademecum.workspace.MembershipRepository(dsl),
            new vademecum.workspace.InvitationRepository(dsl),
            new AccountRepository(dsl),
            new Passwords(),
            audit,
            own::forgetAll);
    Workspace workspace = app.workspace("cache-own");
    Account account = app.account(workspace, Role.OWNER);
    app.account(workspace, Role.OWNER); // a workspace keeps an owner
    String token = tokens.create(account.id(), "own");

    assertEquals(1, tokens.authenticate(token).orElseThrow().memberships().size());
    long hits = own.hits();
    assertEquals(1, tokens.authenticate(token).orElseThrow().memberships().size());
    assertEquals(hits + 1, own.hits(), "answered from memory");

    memberships.remove(workspace, account.id(), Actor.SYSTEM.accountId());
    assertEquals(List.of(), tokens.authenticate(token).orElseThrow().memberships());

    long id = tokens.list(account.id()).get(0).id();
    assertTrue(tokens.revoke(account.id(), id));
    assertTrue(tokens.authenticate(token).isEmpty(), "revoked: refused on the next request");
  }

  @Test
  void a_listener_cut_off_forgets_everything_when_it_listens_again() throws Exception {
    Workspace workspace = app.workspace("cache-cut");
    Account account = app.account(workspace, Role.EDITOR);
    String token = app.app().services().tokens().create(account.id(), "cut");
    awaitCached(token);
    var sql = app.app().services().database().dsl();
    // The listener's connection is killed; the revocation's notification goes nowhere.
    Object listener =
        sql.fetchValue(
            "select pid from pg_stat_activity where datname = current_database()"
                + " and query like '%listening on vademecum_access%'"
                + " and pid <> pg_backend_pid()");
    sql.execute("select pg_terminate_backend(?)", listener);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (sql.fetchExists(sql.selectOne().from("pg_stat_activity").where("pid = ?", listener))) {
      assertTrue(System.nanoTime() < deadline, "the listener's backend is still there");
      Thread.sleep(10);
    }
    sql.execute("delete from api_token where account_id = ?", account.id());
    awaitStatus(token, 401);
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

  /** Notifications arrive after commit, in milliseconds: five seconds is for a loaded machine. */
  private static void awaitAnswer(String token, Predicate<String> expected) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    String body = workspaces(token);
    while (!expected.test(body)) {
      assertTrue(System.nanoTime() < deadline, "still answered from memory: " + body);
      sleep();
      body = workspaces(token);
    }
  }

  private static void awaitStatus(String token, int status) {
    long deadline = System.nanoTime() + 5_000_000_000L;
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
