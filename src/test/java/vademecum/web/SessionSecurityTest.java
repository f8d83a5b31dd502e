package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.AUDIT_EVENT;
import static vademecum.db.schema.Tables.INVITATION;
import static vademecum.db.schema.Tables.SESSION;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.account.LoginThrottle;
import vademecum.db.schema.Tables;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Sessions, CSRF, throttling, tokens and invitations, over real HTTP. */
class SessionSecurityTest {
  private static TestApp app;
  private static Workspace acme;
  private static DSLContext db;

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    acme = app.workspace("acme");
    db = app.app().services().database().dsl();
    app.app()
        .services()
        .manuals()
        .create(
            acme,
            new Draft("Guide", "fr", List.of(), "", "## Étape\nTexte.\n", null, "", false, true),
            null,
            Actor.SYSTEM);
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  private static Map<String, String> saveForm(String text) {
    return Map.of(
        "title", "Guide", "language", "fr", "markdown", text, "base", "1", "action", "publish");
  }

  @Test
  void a_form_without_the_right_csrf_token_is_refused_and_changes_nothing() {
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String body = Browser.encode(saveForm("## Étape\nPiraté.\n"));

    var missing = editor.postRaw("/w/acme/m/guide", body, Map.of());
    var wrong =
        editor.postRaw("/w/acme/m/guide", "_csrf=" + Secrets.newToken() + "&" + body, Map.of());

    assertEquals(403, missing.statusCode());
    assertEquals(403, wrong.statusCode());
    assertFalse(editor.get("/w/acme/m/guide").body().contains("Piraté"));
  }

  @Test
  void a_save_refused_because_the_session_ended_shows_the_text_to_copy() {
    Account writer = app.account(acme, Role.EDITOR);
    Browser editor = app.browser();
    editor.login(writer.email(), TestApp.PASSWORD);
    editor.get("/w/acme/m/guide/edit");
    String written = "## Étape\nDeux heures d'écriture <à garder>.\n";
    // Signed out elsewhere (or idle too long) while writing.
    app.app().services().sessions().endAll(writer.id());
    var ended = editor.post("/w/acme/m/guide", saveForm(written));
    assertEquals(401, ended.statusCode());
    assertTrue(
        ended.body().contains("Deux heures d&#39;écriture &lt;à garder&gt;.")
            || ended.body().contains("Deux heures d'écriture &lt;à garder&gt;."),
        "the text, escaped, to copy: " + ended.body());
    assertTrue(ended.body().contains("class=\"kept-text\" readonly"), ended.body());

    // The form's token no longer the session's (signed in again in another tab): the same.
    Browser again = app.signedIn(acme, Role.EDITOR);
    var expired =
        again.postRaw(
            "/w/acme/m/guide",
            "_csrf=" + Secrets.newToken() + "&" + Browser.encode(saveForm(written)),
            Map.of());
    assertEquals(403, expired.statusCode());
    assertTrue(expired.body().contains("kept-text"), expired.body());
    assertFalse(again.get("/w/acme/m/guide").body().contains("Deux heures"), "nothing saved");

    // A question is a multipart form (it may carry a screenshot): its text is kept the same way.
    Account asker = app.account(acme, Role.ASSISTANT);
    Browser assistant = app.browser();
    assistant.login(asker.email(), TestApp.PASSWORD);
    assistant.get("/w/acme/m/guide/p/etape/ask");
    app.app().services().sessions().endAll(asker.id());
    var question =
        assistant.upload(
            "/w/acme/m/guide/p/etape/questions",
            "",
            new byte[0],
            Map.of("body", "Une longue question à ne pas perdre"));
    assertEquals(401, question.statusCode());
    assertTrue(question.body().contains("Une longue question à ne pas perdre"), question.body());
  }

  @Test
  void a_malformed_question_body_is_our_400_page_not_a_bare_500() throws Exception {
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    assistant.get("/w/acme/m/guide/p/etape/ask");
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(app.url("/w/acme/m/guide/p/etape/questions")))
                    .header("Content-Type", "multipart/form-data; boundary=cut")
                    .header("Cookie", "vd_session=" + assistant.cookie("vd_session"))
                    .header("X-CSRF-Token", assistant.csrf())
                    .header("Origin", app.url(""))
                    .POST(HttpRequest.BodyPublishers.ofString("--cut\r\nContent-Disposition: form"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(400, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("<main"), "our page: " + answer.body());
  }

  @Test
  void a_save_on_a_manual_deleted_meanwhile_shows_the_text_to_copy() {
    var services = app.app().services();
    services
        .manuals()
        .create(
            acme,
            new Draft("Éphémère", "fr", List.of(), "", "## A\nB\n", null, "", false, true),
            null,
            Actor.SYSTEM);
    Browser editor = app.signedIn(acme, Role.EDITOR);
    editor.get("/w/acme/m/ephemere/edit");
    services.shelf().delete(acme, "ephemere", Actor.SYSTEM);
    var saved =
        editor.post(
            "/w/acme/m/ephemere",
            Map.of(
                "title",
                "Éphémère",
                "language",
                "fr",
                "markdown",
                "## A\nUne heure de travail.\n",
                "base",
                "1",
                "action",
                "publish"));
    assertEquals(404, saved.statusCode());
    assertTrue(saved.body().contains("Une heure de travail."), saved.body());
    assertTrue(saved.body().contains("kept nowhere else"), saved.body());
  }

  @Test
  void a_post_from_another_origin_is_refused_even_with_the_token() {
    Browser editor = app.signedIn(acme, Role.EDITOR);
    String body = "_csrf=" + editor.csrf() + "&name=x";
    var foreign = editor.postRaw("/account/tokens", body, Map.of("Origin", "https://evil.example"));
    var foreignReferer =
        editor.postRaw("/account/tokens", body, Map.of("Referer", "https://evil.example/page"));
    var own = editor.postRaw("/account/tokens", body, Map.of("Origin", app.url("")));
    assertEquals(403, foreign.statusCode());
    assertEquals(403, foreignReferer.statusCode());
    assertEquals(200, own.statusCode());
    assertEquals(
        "no-store",
        own.headers().firstValue("Cache-Control").orElse(""),
        "the page shows the new token: never kept by the browser");
  }

  @Test
  void signing_in_issues_a_new_session_id_and_ignores_a_planted_one() {
    Account account = app.account(acme, Role.ASSISTANT);
    Browser browser = app.browser();
    String planted = Secrets.newToken();
    browser.setCookie(Access.SESSION_COOKIE, planted);
    assertEquals(303, browser.get("/account").statusCode(), "a made-up session id opens nothing");

    browser.login(account.email(), TestApp.PASSWORD);
    String first = browser.cookie(Access.SESSION_COOKIE);
    assertNotEquals(planted, first);
    var again = browser.login(account.email(), TestApp.PASSWORD);
    assertEquals(303, again.statusCode(), again.body());
    String second = browser.cookie(Access.SESSION_COOKIE);
    assertNotEquals(first, second, "signing in again rotates the id");

    Browser replay = app.browser();
    replay.setCookie(Access.SESSION_COOKIE, first);
    assertEquals(303, replay.get("/account").statusCode(), "the previous id is dead");
    assertEquals(
        0, db.fetchCount(SESSION, SESSION.ID_HASH.eq(first)), "ids are stored hashed only");
    assertEquals(1, db.fetchCount(SESSION, SESSION.ID_HASH.eq(Secrets.hash(second))));
  }

  @Test
  void the_session_cookie_is_http_only_and_same_site_lax() {
    Account account = app.account(acme, Role.ASSISTANT);
    Browser browser = app.browser();
    browser.get("/login");
    var response =
        browser.post("/login", Map.of("email", account.email(), "password", TestApp.PASSWORD));
    String setCookie =
        response.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(Access.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain http base URL: " + setCookie);
  }

  @Test
  void logout_ends_the_session_on_the_server() {
    Browser assistant = app.signedIn(acme, Role.ASSISTANT);
    String id = assistant.cookie(Access.SESSION_COOKIE);
    assertEquals(303, assistant.post("/logout", Map.of()).statusCode());

    Browser replay = app.browser();
    replay.setCookie(Access.SESSION_COOKIE, id);
    assertEquals(303, replay.get("/w/acme").statusCode());
    assertEquals(0, db.fetchCount(SESSION, SESSION.ID_HASH.eq(Secrets.hash(id))));
  }

  @Test
  void activity_keeps_a_session_alive_and_its_last_visit_is_written_once_a_minute() {
    Browser browser = app.signedIn(acme, Role.ASSISTANT);
    var hash = SESSION.ID_HASH.eq(Secrets.hash(browser.cookie(Access.SESSION_COOKIE)));
    OffsetDateTime longAgo = OffsetDateTime.now().minusHours(11);
    db.update(SESSION).set(SESSION.LAST_SEEN_AT, longAgo).where(hash).execute();

    assertEquals(200, browser.get("/w/acme").statusCode());
    OffsetDateTime seen =
        db.select(SESSION.LAST_SEEN_AT).from(SESSION).where(hash).fetchOne().value1();
    assertTrue(seen.isAfter(OffsetDateTime.now().minusMinutes(1)), "the visit is written: " + seen);
    assertEquals(200, browser.get("/w/acme").statusCode());
    assertEquals(
        seen.toInstant(),
        db.select(SESSION.LAST_SEEN_AT).from(SESSION).where(hash).fetchOne().value1().toInstant(),
        "a second visit within the minute writes nothing");

    // Eleven hours after the last visit but one, the session is still open: the idle time
    // counts from the last visit.
    assertEquals(200, browser.get("/w/acme").statusCode());
  }

  @Test
  void idle_and_absolute_expiry_end_sessions() {
    Browser idle = app.signedIn(acme, Role.ASSISTANT);
    Browser old = app.signedIn(acme, Role.ASSISTANT);
    assertEquals(200, idle.get("/w/acme").statusCode());
    db.update(SESSION)
        .set(SESSION.LAST_SEEN_AT, OffsetDateTime.now().minusHours(13))
        .where(SESSION.ID_HASH.eq(Secrets.hash(idle.cookie(Access.SESSION_COOKIE))))
        .execute();
    db.update(SESSION)
        .set(SESSION.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(SESSION.ID_HASH.eq(Secrets.hash(old.cookie(Access.SESSION_COOKIE))))
        .execute();

    var idleResponse = idle.get("/w/acme");
    assertEquals(303, idleResponse.statusCode());
    assertTrue(
        idleResponse.headers().firstValue("Location").orElseThrow().startsWith("/login?next="));
    assertEquals(303, old.get("/w/acme").statusCode());
  }

  @Test
  void unknown_email_and_wrong_password_get_the_same_answer() {
    Account account = app.account(acme, Role.ASSISTANT);
    Browser browser = app.browser();
    browser.get("/login");
    var wrongPassword =
        browser.post("/login", Map.of("email", account.email(), "password", "not the password"));
    var unknownEmail =
        browser.post(
            "/login", Map.of("email", "nobody@test.example", "password", "not the password"));
    assertEquals(401, wrongPassword.statusCode());
    assertEquals(wrongPassword.statusCode(), unknownEmail.statusCode());
    assertEquals(
        wrongPassword.body().replace(account.email(), "EMAIL"),
        unknownEmail.body().replace("nobody@test.example", "EMAIL"));
  }

  @Test
  void repeated_failures_from_one_address_slow_it_down_even_with_the_right_password() {
    Account account = app.account(acme, Role.ASSISTANT);
    Browser attacker = app.browser();
    attacker.get("/login");
    for (int i = 0; i < LoginThrottle.FREE_PER_PAIR; i++) {
      assertEquals(
          401,
          attacker
              .post("/login", Map.of("email", account.email(), "password", "guess " + i))
              .statusCode());
    }
    var slowed =
        attacker.post("/login", Map.of("email", account.email(), "password", TestApp.PASSWORD));
    assertEquals(429, slowed.statusCode());
    long retry = Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry <= 3, "slowed down, not locked out: " + retry);
  }

  @Test
  void a_revoked_api_token_stops_working_at_once() {
    Browser editor = app.signedIn(acme, Role.EDITOR);
    var created = editor.post("/account/tokens", Map.of("name", "Intranet"));
    Matcher matcher = Pattern.compile("(vdm_[A-Za-z0-9_-]{43})").matcher(created.body());
    assertTrue(matcher.find(), "the token is shown once");
    String token = matcher.group(1);

    var me = app.getWithBearer("/api/v1/workspaces", token);
    assertEquals(200, me.statusCode());
    assertTrue(me.body().contains("\"slug\":\"acme\""), me.body());
    assertEquals(401, app.getWithBearer("/api/v1/me", token + "x").statusCode());
    assertFalse(editor.get("/account").body().contains(token), "never shown again");

    Matcher revoke =
        Pattern.compile("action=\"(/account/tokens/\\d+/revoke)\"")
            .matcher(editor.get("/account").body());
    assertTrue(revoke.find());
    assertEquals(303, editor.post(revoke.group(1), Map.of("confirm", "yes")).statusCode());
    var after = app.getWithBearer("/api/v1/me", token);
    assertEquals(401, after.statusCode());
    assertTrue(after.body().contains("\"error\":\"unauthorized\""), after.body());
  }

  @Test
  void an_invitation_link_works_once_and_not_after_it_expires() {
    Browser owner = app.signedIn(acme, Role.OWNER);
    String link = invite(owner, "new.assistant@test.example");
    String path = link.substring(link.indexOf("/invitations/"));

    Browser invitee = app.browser();
    assertEquals(200, invitee.get(path).statusCode());
    var accepted =
        invitee.post(
            path, Map.of("name", "Nouvelle Assistante", "password", "un mot de passe solide"));
    assertEquals(303, accepted.statusCode(), accepted.body());
    assertEquals("/w/acme", accepted.headers().firstValue("Location").orElseThrow());
    assertEquals(200, invitee.get("/w/acme/m/guide").statusCode(), "signed in as an assistant");
    assertEquals(
        403, invitee.get("/w/acme/m/guide/edit").statusCode(), "assistants never see the editor");

    Browser second = app.browser();
    assertEquals(410, second.get(path).statusCode(), "single use");

    String expiring = invite(owner, "late@test.example");
    db.update(INVITATION)
        .set(INVITATION.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(INVITATION.EMAIL.eq("late@test.example"))
        .execute();
    assertEquals(
        410, app.browser().get(expiring.substring(expiring.indexOf("/invitations/"))).statusCode());
    assertEquals(404, app.browser().get("/invitations/" + Secrets.newToken()).statusCode());
  }

  @Test
  void an_owner_removed_or_demoted_cannot_come_back_through_an_invitation_they_made() {
    Browser staying = app.signedIn(acme, Role.OWNER);
    Account leaving = app.account(acme, Role.OWNER);
    String back = invite(signedInAs(leaving), "leaving.alt@test.example", "owner");
    String other = invite(staying, "kept@test.example", "assistant");
    assertEquals(
        303,
        staying
            .post("/w/acme/members/" + leaving.id() + "/remove", Map.of("confirm", "yes"))
            .statusCode());
    // Revoked, as an owner's revoking does: the link is no longer valid (404).
    assertEquals(
        404, app.browser().get(back.substring(back.indexOf("/invitations/"))).statusCode());
    assertEquals(
        200,
        app.browser().get(other.substring(other.indexOf("/invitations/"))).statusCode(),
        "another owner's invitation still works");

    Account demoted = app.account(acme, Role.OWNER);
    String before = invite(signedInAs(demoted), "demoted.alt@test.example", "owner");
    assertEquals(
        303,
        staying
            .post("/w/acme/members/" + demoted.id() + "/role", Map.of("role", "editor"))
            .statusCode());
    assertEquals(
        404, app.browser().get(before.substring(before.indexOf("/invitations/"))).statusCode());
  }

  @Test
  void a_sign_in_with_an_address_of_kilobytes_is_a_failed_sign_in_not_a_500() {
    // Recording the failure went past what PostgreSQL indexes.
    var refused = app.browser().login("a".repeat(4000) + "@x.example", "anything at all");
    assertEquals(401, refused.statusCode());
  }

  @Test
  void a_long_address_of_dots_is_refused_at_once() {
    // The address pattern backtracked over such a run for minutes before its length was checked.
    Browser owner = app.signedIn(acme, Role.OWNER);
    owner.get("/w/acme/members");
    String dots = "a@" + ".".repeat(200_000) + "@";
    var refused = owner.post("/w/acme/invitations", Map.of("email", dots, "role", "assistant"));
    assertEquals(400, refused.statusCode());
  }

  @Test
  void owners_change_roles_and_removed_members_lose_access_at_once() {
    Browser owner = app.signedIn(acme, Role.OWNER);
    Account person = app.account(acme, Role.ASSISTANT);
    Browser browser = app.browser();
    browser.login(person.email(), TestApp.PASSWORD);
    assertEquals(403, browser.get("/w/acme/m/guide/edit").statusCode());

    assertEquals(
        303,
        owner
            .post("/w/acme/members/" + person.id() + "/role", Map.of("role", "editor"))
            .statusCode());
    assertEquals(200, browser.get("/w/acme/m/guide/edit").statusCode());

    assertEquals(
        303,
        owner
            .post("/w/acme/members/" + person.id() + "/remove", Map.of("confirm", "yes"))
            .statusCode());
    assertEquals(404, browser.get("/w/acme/m/guide").statusCode());
  }

  @Test
  void the_security_events_are_audited() {
    Browser owner = app.signedIn(acme, Role.OWNER);
    invite(owner, "audited@test.example");
    owner.post("/account/tokens", Map.of("name", "audit"));
    Browser failing = app.browser();
    failing.get("/login");
    failing.post(
        "/login", Map.of("email", "audited-nobody@test.example", "password", "wrong password"));
    for (String action :
        List.of("signin", "signin.failed", "invitation.create", "token.create", "member.add")) {
      assertTrue(db.fetchExists(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(action)), action);
    }
  }

  @Test
  void every_kind_of_response_carries_the_security_headers() {
    Browser editor = app.signedIn(acme, Role.EDITOR);
    List<HttpResponse<String>> responses =
        List.of(
            app.get("/login"),
            app.get("/no-such-page"),
            // refused by Jetty before any route (ProtocolErrors)
            app.get("/w/%00"),
            app.get(Assets.url("app.css")),
            app.get("/api/v1/me"),
            editor.get("/w/acme/m/guide"),
            editor.get("/w/acme/m/nope"));
    for (HttpResponse<String> response : responses) {
      String where = response.uri() + " " + response.statusCode();
      String csp = response.headers().firstValue("Content-Security-Policy").orElse(null);
      assertNotNull(csp, where);
      assertTrue(
          csp.contains("frame-ancestors 'none'")
              && csp.contains("script-src 'self'")
              && !csp.contains("unsafe-inline"),
          where);
      assertEquals(
          "nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), where);
      assertTrue(response.headers().firstValue("Referrer-Policy").isPresent(), where);
    }
  }

  /**
   * An owner may invite any address. For one that has an account, the invitation page used to check
   * that account's password with no throttle: 40 guesses, then the right one gave a session. Now an
   * existing account accepts only by being signed in as itself.
   */
  @Test
  void an_invitation_to_an_existing_account_never_checks_a_password() {
    Workspace other = app.workspace("other-client");
    Account victim = app.account(other, Role.OWNER);
    Browser owner = app.signedIn(acme, Role.OWNER);
    String path = pathOf(invite(owner, victim.email()));

    Browser attacker = app.browser();
    String page = attacker.get(path).body();
    assertFalse(page.contains("type=\"password\""), "no password field: " + page);
    assertTrue(page.contains("/login?next="), page);
    for (int i = 0; i < 12; i++) {
      var guess = attacker.post(path, Map.of("password", "guess number " + i));
      assertEquals(403, guess.statusCode(), guess.body());
      assertTrue(
          guess.body().contains("sign in to accept"), "refused by the service: " + guess.body());
    }
    var right = attacker.post(path, Map.of("password", TestApp.PASSWORD));
    assertEquals(403, right.statusCode(), "even the right password is not a way in");
    assertEquals(303, attacker.get("/w/other-client").statusCode(), "no session was started");

    // Someone else's session does not accept it either.
    Browser stranger = app.signedIn(acme, Role.ASSISTANT);
    assertTrue(stranger.get(path).body().contains(victim.email()));
    assertEquals(403, stranger.post(path, Map.of()).statusCode());

    // The invited person signs in (the normal, throttled sign-in) and joins with one button.
    Browser invitee = app.browser();
    invitee.login(victim.email(), TestApp.PASSWORD);
    String joinPage = invitee.get(path).body();
    assertFalse(joinPage.contains("type=\"password\""), joinPage);
    var joined = invitee.post(path, Map.of());
    assertEquals(303, joined.statusCode(), joined.body());
    assertEquals(200, invitee.get("/w/acme/m/guide").statusCode(), "now a member of acme");
    assertEquals(410, app.browser().get(path).statusCode(), "single use");
  }

  @Test
  void api_tokens_expire_and_stop_when_their_owner_signs_out_everywhere_or_changes_password() {
    Account person = app.account(acme, Role.EDITOR);
    var tokens = app.app().services().tokens();
    String expiring = tokens.create(person.id(), "short", 1);
    String everywhere = tokens.create(person.id(), "laptop");
    assertEquals(200, app.getWithBearer("/api/v1/me", expiring).statusCode());
    db.update(Tables.API_TOKEN)
        .set(Tables.API_TOKEN.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(Tables.API_TOKEN.NAME.eq("short"))
        .execute();
    assertEquals(401, app.getWithBearer("/api/v1/me", expiring).statusCode(), "expired");

    Browser phone = app.browser();
    phone.login(person.email(), TestApp.PASSWORD);
    Browser laptop = app.browser();
    laptop.login(person.email(), TestApp.PASSWORD);
    assertTrue(laptop.get("/account").body().contains("Expired"), "the page says so");
    assertEquals(
        400, laptop.post("/account/tokens", Map.of("name", "x", "days", "400")).statusCode());
    assertEquals(400, laptop.post("/account/tokens", Map.of("name", "n".repeat(101))).statusCode());
    assertEquals(200, app.getWithBearer("/api/v1/me", everywhere).statusCode());
    assertEquals(
        303, laptop.post("/account/sign-out-everywhere", Map.of("confirm", "yes")).statusCode());
    assertEquals(401, app.getWithBearer("/api/v1/me", everywhere).statusCode(), "token revoked");
    assertEquals(303, phone.get("/account").statusCode(), "the other session ended too");

    String again = tokens.create(person.id(), "after");
    Browser back = app.browser();
    back.login(person.email(), TestApp.PASSWORD);
    back.get("/account");
    var changed =
        back.post(
            "/account/password",
            Map.of("current", TestApp.PASSWORD, "password", "a brand new password"));
    assertEquals(303, changed.statusCode(), changed.body());
    assertEquals(
        401, app.getWithBearer("/api/v1/me", again).statusCode(), "a new password ends it");
  }

  @Test
  void guessing_the_current_password_on_the_change_form_is_slowed_like_a_sign_in() {
    Account person = app.account(acme, Role.ASSISTANT);
    Browser thief = app.browser();
    thief.login(person.email(), TestApp.PASSWORD);
    thief.get("/account");
    // A right guess with a short new password said "too short", a wrong one "not correct".
    var shortNew = thief.post("/account/password", Map.of("current", "guess", "password", "x"));
    assertEquals(400, shortNew.statusCode());
    assertFalse(shortNew.body().contains("not correct"), "no check of the guess");
    int refused = 0;
    int slowed = 0;
    for (int i = 0; i < 6; i++) {
      var guess =
          thief.post(
              "/account/password",
              Map.of("current", "guess number " + i, "password", "a brand new password"));
      if (guess.statusCode() == 429) {
        slowed++;
      } else {
        assertEquals(400, guess.statusCode(), guess.body());
        refused++;
      }
    }
    assertEquals(LoginThrottle.FREE_PER_PAIR, refused, "checked while free, then slowed");
    assertEquals(6 - refused, slowed);
    // Even the right password waits now: the guesses cannot go on.
    var right =
        thief.post(
            "/account/password",
            Map.of("current", TestApp.PASSWORD, "password", "a brand new password"));
    assertEquals(429, right.statusCode(), right.body());
  }

  private static String pathOf(String link) {
    return link.substring(link.indexOf("/invitations/"));
  }

  private static Browser signedInAs(Account account) {
    Browser browser = app.browser();
    browser.login(account.email(), TestApp.PASSWORD);
    return browser;
  }

  private static String invite(Browser owner, String email) {
    return invite(owner, email, "assistant");
  }

  private static String invite(Browser owner, String email, String role) {
    owner.get("/w/acme/members");
    var page = owner.post("/w/acme/invitations", Map.of("email", email, "role", role));
    assertEquals(200, page.statusCode(), page.body());
    Matcher matcher =
        Pattern.compile("(http://[^<\\s\"]+/invitations/[A-Za-z0-9_-]+)").matcher(page.body());
    assertTrue(matcher.find(), "the link is shown once");
    return matcher.group(1);
  }
}
