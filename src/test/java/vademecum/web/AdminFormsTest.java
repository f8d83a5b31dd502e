package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.testing.TestApp.form;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** The administration forms: a refused one comes back as it was typed. */
class AdminFormsTest {
  private static TestApp app;
  private static Browser administrator;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    var admin =
        app.app()
            .services()
            .accounts()
            .create("root@vademecum.example", "Admin", "fr", TestApp.PASSWORD, true, null);
    administrator = app.browser();
    administrator.login(admin.email(), TestApp.PASSWORD);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_workspace_whose_owner_does_not_exist_is_refused_and_the_form_kept() {
    var refused =
        administrator.post(
            "/admin/workspaces",
            form(
                "slug", "cabinet-durand", "name", "Cabinet Durand", "owner", "nobody@example.org"));
    assertEquals(400, refused.statusCode());
    String page = refused.body();
    assertTrue(page.contains("nobody@example.org"), page);
    assertTrue(page.contains("value=\"cabinet-durand\""), "the address");
    assertTrue(page.contains("value=\"Cabinet Durand\""), "the name");
  }

  @Test
  void two_creations_of_one_address_at_once_make_one_workspace_and_one_conflict() throws Exception {
    // Both passed a check made before the insert, and the second owner joined the first's
    // workspace.
    var memberships = app.app().services().memberships();
    long by =
        app.app().services().accounts().findByEmail("root@vademecum.example").orElseThrow().id();
    List<Callable<String>> creations = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "Cabinet " + i;
      creations.add(
          () -> {
            try {
              return memberships.createWorkspace("meme-adresse", name, by, by).name();
            } catch (Refusal.Conflict conflict) {
              return "conflict";
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<String> outcomes = new ArrayList<>();
      for (var future : pool.invokeAll(creations)) {
        outcomes.add(future.get());
      }
      assertEquals(5, outcomes.stream().filter("conflict"::equals).count(), outcomes.toString());
      // Created with its owner in the same transaction: never a workspace nobody owns.
      var created = app.app().services().workspaces().findBySlug("meme-adresse").orElseThrow();
      var members = memberships.members(created);
      assertEquals(1, members.size(), members.toString());
      assertEquals(Role.OWNER, members.get(0).role());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void a_new_accounts_password_page_is_never_cached() {
    administrator.get("/admin");
    var created =
        administrator.post(
            "/admin/accounts",
            form("email", "nouvelle@vademecum.example", "name", "Nouvelle", "language", "fr"));
    assertEquals(200, created.statusCode(), created.body());
    assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void an_account_with_a_taken_address_is_refused_and_the_form_kept() {
    var refused =
        administrator.post(
            "/admin/accounts",
            form(
                "email",
                "root@vademecum.example",
                "name",
                "Zoé Martin",
                "language",
                "en",
                "admin",
                "true"));
    assertEquals(409, refused.statusCode());
    String page = refused.body();
    assertTrue(page.contains("value=\"Zoé Martin\""), page);
    assertTrue(page.contains("value=\"en\" lang=\"en\" selected"), "the language");
    assertTrue(page.contains("name=\"admin\" value=\"true\" checked"), "the administrator box");
  }
}
