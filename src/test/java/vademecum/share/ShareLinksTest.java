package vademecum.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.AUDIT_EVENT;
import static vademecum.db.schema.Tables.SHARE_LINK;
import static vademecum.db.schema.Tables.SHARE_LOOKUP_FAILURE;
import static vademecum.testing.TestApp.form;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.manual.Draft;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/** Share links over real HTTP: creating them, what candidates see, and what they cannot reach. */
class ShareLinksTest {
  private static final Pattern LINK = Pattern.compile("http://[^\"<\\s]+/s/([A-Za-z0-9_-]+)");

  private static TestApp app;
  private static Workspace workspace;
  private static Browser recruiter;
  private static Account owner;
  private static DSLContext db;

  private static final String MANUAL =
      """
      Bienvenue dans le manuel de l'agence.

      ## Trier les e-mails {#emails}
      Classer chaque message dans le bon dossier avant midi.

      ## Réserver un vol {#vol}
      Toujours prendre un siège côté couloir pour M. Dupont.

      ## Comptabilité {#compta}
      Rapprocher les relevés bancaires le vendredi.
      """;

  @BeforeAll
  static void start() {
    app = TestApp.start();
    db = app.app().services().database().dsl();
    workspace = app.workspace("agence");
    owner = app.account(workspace, Role.OWNER);
    app.account(workspace, Role.ASSISTANT);
    publish(workspace, "Manuel de l'agence", MANUAL);
    publish(app.workspace("autre"), "Manuel secret d'un autre client", "## Coffre\nCode 4321.\n");
    recruiter = app.signedIn(workspace, Role.RECRUITER);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static void publish(Workspace where, String title, String markdown) {
    app.app()
        .services()
        .manuals()
        .create(
            where,
            new Draft(title, "fr", List.of(), "", markdown, null, "", false, true),
            null,
            new Actor(owner.id(), "Owner"));
  }

  private static void saveManual(String markdown, boolean publish) {
    var manuals = app.app().services().manuals();
    int base = manuals.latest(manuals.require(workspace, "manuel-de-l-agence")).number();
    manuals.save(
        workspace,
        "manuel-de-l-agence",
        new Draft("Manuel de l'agence", "fr", List.of(), "", markdown, base, "", false, publish),
        new Actor(owner.id(), "Owner"));
  }

  /** Creates a link through the form as the recruiter; returns the token from the page. */
  private static String share(String label, String revision, String... procedures) {
    return shareOf("manuel-de-l-agence", label, revision, procedures);
  }

  private static String shareOf(
      String manual, String label, String revision, String... procedures) {
    assertEquals(200, recruiter.get("/w/agence/m/" + manual + "/share").statusCode());
    StringBuilder body =
        new StringBuilder(
            Browser.encode(
                form(
                    "_csrf",
                    recruiter.csrf(),
                    "manual",
                    manual,
                    "label",
                    label,
                    "days",
                    "14",
                    "revision",
                    revision)));
    for (String key : procedures) {
      body.append("&procedure=").append(key);
    }
    HttpResponse<String> created = recruiter.postRaw("/w/agence/shares", body.toString(), Map.of());
    assertEquals(200, created.statusCode(), created.body());
    assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
    Matcher link = LINK.matcher(created.body());
    assertTrue(link.find(), created.body());
    return link.group(1);
  }

  @Test
  void a_link_to_a_procedure_follows_it_when_the_manual_drops_its_last_heading() {
    publish(
        workspace, "Accueil", "## Standard\n\nDécrocher avant trois sonneries.\n\n## Fax\n\nx\n");
    String token = shareOf("accueil", "Standard seul", "latest", "standard");
    var manuals = app.app().services().manuals();
    for (String text :
        List.of(
            "## Standard\n\nDécrocher avant trois sonneries.\n",
            "Décrocher avant trois sonneries.\n")) {
      int base = manuals.latest(manuals.require(workspace, "accueil")).number();
      manuals.save(
          workspace,
          "accueil",
          new Draft("Accueil", "fr", List.of(), "", text, base, "", false, true),
          Actor.SYSTEM);
    }
    // One procedure, no heading: it is the manual's own, under the manual's title as its key.
    db.deleteFrom(SHARE_LOOKUP_FAILURE).execute(); // what other tests' dead links left
    String page = app.get("/s/" + token).body();
    assertTrue(page.contains("Décrocher avant trois sonneries."), page);
  }

  @Test
  void the_candidate_reads_the_last_day_where_the_workspace_works() {
    String token = share("Zoé", "following");
    // 23:30 UTC is already the next day in Paris (the workspace's zone); the server's is UTC here.
    db.update(SHARE_LINK)
        .set(SHARE_LINK.EXPIRES_AT, OffsetDateTime.parse("2099-01-14T23:30:00Z"))
        .where(SHARE_LINK.ID.eq(linkId(token)))
        .execute();
    db.deleteFrom(SHARE_LOOKUP_FAILURE).execute(); // what other tests' dead links left
    String page = app.get("/s/" + token).body();
    assertTrue(page.contains("15 janv. 2099"), page);
  }

  private static long linkId(String token) {
    return db.select(SHARE_LINK.ID)
        .from(SHARE_LINK)
        .where(SHARE_LINK.TOKEN_HASH.eq(Secrets.hash(token)))
        .fetchOne(SHARE_LINK.ID);
  }

  @Test
  void the_token_has_256_random_bits_and_only_its_hash_is_stored() {
    String token = share("Alice Martin", "following");
    assertEquals(43, token.length(), "32 random bytes in unpadded base64url");
    assertTrue(token.matches("[A-Za-z0-9_-]{43}"));
    String other = share("Alice Martin", "following");
    assertFalse(token.equals(other));
    var row = db.selectFrom(SHARE_LINK).where(SHARE_LINK.ID.eq(linkId(token))).fetchOne();
    assertEquals(Secrets.hash(token), row.getTokenHash());
    assertFalse(row.formatCSV().contains(token), "the token itself is nowhere in the row");
    assertFalse(
        db.selectFrom(AUDIT_EVENT).fetch().formatCSV().contains(token), "nor in the audit trail");
    // The list and the link's page never show the address again.
    assertFalse(recruiter.get("/w/agence/shares").body().contains(token));
    assertFalse(recruiter.get("/w/agence/shares/" + linkId(token)).body().contains(token));
  }

  @Test
  void the_candidate_reads_the_manual_alone_with_the_privacy_headers() {
    String token = share("Bruno", "following");
    // A draft saved after publishing must stay invisible to the candidate.
    saveManual(MANUAL + "\n## Brouillon {#brouillon}\nTexte pas encore publié.\n", false);

    HttpResponse<String> page = app.get("/s/" + token);
    assertEquals(200, page.statusCode());
    String html = page.body();
    assertTrue(html.contains("Toujours prendre un siège côté couloir"), html);
    assertTrue(html.contains("Bienvenue dans le manuel"));
    assertTrue(html.contains("J'ai lu ce manuel"), "the button speaks the manual's language");
    assertTrue(html.contains("<html lang=\"fr\">"));
    assertFalse(html.contains("pas encore publié"), "no draft");
    assertFalse(html.contains("Manuel secret"), "no other manual");
    assertFalse(html.contains("/w/"), "no way into the workspace");
    assertFalse(html.contains("J'ai lu et compris"), "no acknowledgement control");
    assertFalse(html.contains(owner.displayName()), "no member names");
    assertFalse(html.contains("action=\"/search"), "no search");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no third-party request");
    assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
    assertTrue(page.headers().firstValue("X-Robots-Tag").orElse("").contains("noindex"));
    assertTrue(html.contains("<meta name=\"robots\" content=\"noindex"));
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("default-src 'self'"));
  }

  @Test
  void a_pinned_link_keeps_its_revision_and_a_following_one_shows_the_new_publication() {
    String pinned = share("Chloé", "pinned");
    String following = share("Chloé", "following");
    saveManual(MANUAL.replace("côté couloir", "côté hublot"), true);
    assertTrue(app.get("/s/" + pinned).body().contains("côté couloir"));
    assertFalse(app.get("/s/" + pinned).body().contains("côté hublot"));
    assertTrue(app.get("/s/" + following).body().contains("côté hublot"));
    saveManual(MANUAL, true); // the text back for the other tests
  }

  @Test
  void a_subset_shows_only_its_procedures_and_the_others_are_not_reachable() {
    String token = share("Denis", "following", "vol");
    String html = app.get("/s/" + token).body();
    assertTrue(html.contains("côté couloir"));
    assertFalse(html.contains("Classer chaque message"), "another procedure");
    assertFalse(html.contains("Rapprocher les relevés"), "another procedure");
    assertFalse(html.contains("Bienvenue"), "the introduction is not one of the chosen");
    String recruiterView = recruiter.get("/w/agence/shares/" + linkId(token)).body();
    assertTrue(recruiterView.contains("Réserver un vol"), "procedures by title: " + recruiterView);
    for (String path :
        List.of(
            "/s/" + token + "?procedure=emails",
            "/s/" + token + "#emails",
            "/s/" + token + "/emails",
            "/s/" + token + "/p/emails",
            "/s/" + token + "/../emails")) {
      HttpResponse<String> response = app.get(path);
      assertFalse(response.body().contains("Classer chaque message"), path);
      assertTrue(response.statusCode() == 200 || response.statusCode() == 404, path);
    }
  }

  @Test
  void a_procedure_that_is_not_in_the_manual_is_refused_and_the_form_keeps_what_was_typed() {
    recruiter.get("/w/agence/m/manuel-de-l-agence/share");
    String body =
        Browser.encode(
                form(
                    "_csrf",
                    recruiter.csrf(),
                    "manual",
                    "manuel-de-l-agence",
                    "label",
                    "Émilie Durand",
                    "days",
                    "91"))
            + "&procedure=vol";
    HttpResponse<String> tooLong = recruiter.postRaw("/w/agence/shares", body, Map.of());
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.body().contains("1 to 90 days"), tooLong.body());
    assertTrue(tooLong.body().contains("Émilie Durand"), "the label is kept");
    for (String days : List.of("1.5", "deux", "99999999999")) {
      HttpResponse<String> notWhole =
          recruiter.postRaw(
              "/w/agence/shares",
              body.replace("days=91", "days=" + Browser.encode(Map.of("d", days)).substring(2)),
              Map.of());
      assertEquals(400, notWhole.statusCode(), days);
      assertTrue(notWhole.body().contains("1 to 90 days"), notWhole.body());
      assertTrue(notWhole.body().contains("Émilie Durand"), "the label is kept");
    }
    HttpResponse<String> unknown =
        recruiter.postRaw(
            "/w/agence/shares", body.replace("days=91", "days=3") + "&procedure=nope", Map.of());
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body().contains("no procedure nope"));
  }

  @Test
  void a_draft_is_not_shareable_and_answers_as_a_manual_that_does_not_exist() {
    app.app()
        .services()
        .manuals()
        .create(
            workspace,
            new Draft(
                "Projet confidentiel", "fr", List.of(), "", "## A\nB\n", null, "", false, false),
            null,
            new Actor(owner.id(), "Owner"));
    HttpResponse<String> draft = recruiter.get("/w/agence/m/projet-confidentiel/share");
    HttpResponse<String> none = recruiter.get("/w/agence/m/projet-inexistant/share");
    assertEquals(404, draft.statusCode());
    assertEquals(404, none.statusCode());
    assertEquals(
        none.body().replace("projet-inexistant", "X"),
        draft.body().replace("projet-confidentiel", "X"),
        "the same page, word for word");
    // And a NUL in the manual's address is a 400, not a database error.
    recruiter.get("/w/agence/m/manuel-de-l-agence/share");
    HttpResponse<String> nul =
        recruiter.postRaw(
            "/w/agence/shares",
            Browser.encode(form("_csrf", recruiter.csrf(), "label", "x")) + "&manual=a%00b",
            Map.of());
    assertEquals(400, nul.statusCode());
  }

  @Test
  void expired_links_answer_410_and_revoked_and_unknown_ones_the_same_404() {
    String expired = share("Fanny", "following");
    db.update(SHARE_LINK)
        .set(SHARE_LINK.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(SHARE_LINK.ID.eq(linkId(expired)))
        .execute();
    HttpResponse<String> gone = app.get("/s/" + expired);
    assertEquals(410, gone.statusCode());
    assertTrue(gone.body().contains("Ce lien a expiré"));
    assertFalse(gone.body().contains("Toujours prendre"));

    String revoked = share("Gaspard", "following");
    assertEquals(200, app.get("/s/" + revoked).statusCode());
    long id = linkId(revoked);
    recruiter.get("/w/agence/shares/" + id);
    var asked = recruiter.post("/w/agence/shares/" + id + "/revoke", form());
    assertEquals(200, asked.statusCode());
    assertTrue(asked.body().contains("Revoke the link “Gaspard”?"), asked.body());
    assertEquals(200, app.get("/s/" + revoked).statusCode(), "asking revokes nothing");
    assertEquals(
        303,
        recruiter.post("/w/agence/shares/" + id + "/revoke", form("confirm", "yes")).statusCode());
    HttpResponse<String> afterRevoke = app.get("/s/" + revoked);
    HttpResponse<String> unknown = app.get("/s/" + Secrets.newToken());
    assertEquals(404, afterRevoke.statusCode());
    assertEquals(404, unknown.statusCode());
    assertEquals(unknown.body(), afterRevoke.body(), "a guess learns nothing");
    assertEquals(404, app.get("/s/short").statusCode());
    assertTrue(recruiter.get("/w/agence/shares").body().contains("revoked"));
    assertTrue(recruiter.get("/w/agence/shares").body().contains("expired"));
    // Revoking is recorded; the candidate cannot confirm reading through a dead link.
    assertEquals(
        1,
        db.fetchCount(
            AUDIT_EVENT,
            AUDIT_EVENT.ACTION.eq("share.revoke").and(AUDIT_EVENT.TARGET.eq("share:" + id))));
    db.deleteFrom(SHARE_LOOKUP_FAILURE).execute();
  }

  @Test
  void concurrent_openings_are_each_counted_once() throws Exception {
    String token = share("Hugo", "following");
    int openings = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < openings; i++) {
      calls.add(() -> app.get("/s/" + token).statusCode());
    }
    for (Future<Integer> status : pool.invokeAll(calls)) {
      assertEquals(200, status.get());
    }
    pool.shutdown();
    ShareLink link = app.app().services().shares().get(workspace, linkId(token));
    assertEquals(openings, link.openings());
    assertNotNull(link.firstOpenedAt());
    assertTrue(!link.lastOpenedAt().isBefore(link.firstOpenedAt()));
    String page = recruiter.get("/w/agence/shares/" + link.id()).body();
    assertTrue(page.contains(">" + openings + ","), "the count is shown");
    assertTrue(page.contains("a program on another system"), "coarse client, no address");
    assertFalse(page.contains("127.0.0.1"));
  }

  @Test
  void a_link_whose_procedures_were_all_removed_is_unavailable_and_its_sharer_is_told() {
    publish(workspace, "Éphémère", "## Garder {#garder}\nA.\n\n## Partir {#partir}\nB.\n");
    String token = shareOf("ephemere", "Manon", "following", "partir");
    assertTrue(app.get("/s/" + token).body().contains("B."));
    var manuals = app.app().services().manuals();
    manuals.save(
        workspace,
        "ephemere",
        new Draft("Éphémère", "fr", List.of(), "", "## Garder {#garder}\nA.\n", 1, "", false, true),
        new Actor(owner.id(), "Owner"));

    // Found by the exploratory tests: an empty page the candidate could confirm having read.
    HttpResponse<String> opened = app.get("/s/" + token);
    assertEquals(404, opened.statusCode());
    // (Its page sets no form token; the service refuses too.)
    assertThrows(
        Refusal.class, () -> app.app().services().shares().confirmRead(token, "127.0.0.1"));
    assertNull(app.app().services().shares().get(workspace, linkId(token)).readConfirmedAt());
    assertTrue(recruiter.get("/w/agence/shares").body().contains("data-shows-nothing"));
    assertTrue(
        recruiter.get("/w/agence/shares/" + linkId(token)).body().contains("data-shows-nothing"));
  }

  @Test
  void the_candidate_confirms_reading_once_and_the_recruiter_sees_it() {
    String token = share("Inès", "following");
    Browser candidate = app.browser();
    assertTrue(candidate.get("/s/" + token).body().contains("J'ai lu ce manuel"));
    HttpResponse<String> confirmed = candidate.post("/s/" + token + "/read", form());
    assertEquals(303, confirmed.statusCode());
    String after = candidate.get("/s/" + token + "?read=1").body();
    assertTrue(after.contains("Merci"), after);
    assertFalse(after.contains("J'ai lu ce manuel</button>"));
    long id = linkId(token);
    ShareLink link = app.app().services().shares().get(workspace, id);
    assertNotNull(link.readConfirmedAt());
    assertEquals(1, link.openings(), "the page shown after 'I have read it' is not a new opening");
    // A second press changes nothing and records nothing more.
    Browser again = app.browser();
    again.get("/s/" + token);
    again.postRaw(
        "/s/" + token + "/read", Browser.encode(form("_csrf", again.cookie("vd_pre"))), Map.of());
    assertEquals(
        link.readConfirmedAt(), app.app().services().shares().get(workspace, id).readConfirmedAt());
    assertEquals(
        1,
        db.fetchCount(
            AUDIT_EVENT,
            AUDIT_EVENT.ACTION.eq("share.read").and(AUDIT_EVENT.TARGET.eq("share:" + id))));
    assertEquals(
        1,
        db.fetchCount(
            AUDIT_EVENT,
            AUDIT_EVENT.ACTION.eq("share.create").and(AUDIT_EVENT.TARGET.eq("share:" + id))));
    assertTrue(recruiter.get("/w/agence/shares").body().contains("✓"));
    // Without the form token the confirmation is refused.
    String other = share("Jules", "following");
    assertEquals(403, app.browser().postRaw("/s/" + other + "/read", "", Map.of()).statusCode());
    assertNull(app.app().services().shares().get(workspace, linkId(other)).readConfirmedAt());
  }

  /** Under Referrer-Policy: no-referrer browsers send "Origin: null"; another site is refused. */
  @Test
  void the_read_confirmation_accepts_a_null_origin_but_not_another_site() {
    String token = share("Karl", "following");
    Browser candidate = app.browser();
    candidate.get("/s/" + token);
    String body = Browser.encode(form("_csrf", candidate.cookie("vd_pre")));
    assertEquals(
        403,
        candidate
            .postRaw("/s/" + token + "/read", body, Map.of("Origin", "https://evil.example"))
            .statusCode());
    assertEquals(
        303,
        candidate.postRaw("/s/" + token + "/read", body, Map.of("Origin", "null")).statusCode());
  }

  @Test
  void an_assistant_cannot_create_or_list_links() {
    Browser assistant = app.signedIn(workspace, Role.ASSISTANT);
    assertEquals(403, assistant.get("/w/agence/m/manuel-de-l-agence/share").statusCode());
    assistant.get("/w/agence/m/manuel-de-l-agence");
    HttpResponse<String> refused =
        assistant.post(
            "/w/agence/shares", form("manual", "manuel-de-l-agence", "label", "Kim", "days", "14"));
    assertEquals(403, refused.statusCode());
    assertEquals(403, assistant.get("/w/agence/shares").statusCode());
    assertFalse(
        assistant.get("/w/agence/m/manuel-de-l-agence").body().contains("Share with a candidate"));
    assertTrue(
        recruiter.get("/w/agence/m/manuel-de-l-agence").body().contains("Share with a candidate"));
  }

  @Test
  void guessing_tokens_is_throttled_per_client_but_a_valid_link_always_opens() {
    String token = share("Léa", "following");
    db.deleteFrom(SHARE_LOOKUP_FAILURE).execute(); // what other tests' dead links left
    try {
      for (int i = 0; i < ShareService.MAX_FAILURES; i++) {
        assertEquals(404, app.get("/s/" + Secrets.newToken()).statusCode());
      }
      HttpResponse<String> blocked = app.get("/s/" + Secrets.newToken());
      assertEquals(429, blocked.statusCode());
      assertTrue(blocked.body().contains("Trop de tentatives"));
      // Someone else guessing from the same address (an office, a proxy) must not lock out the
      // candidate who holds a real link.
      HttpResponse<String> valid = app.get("/s/" + token);
      assertEquals(200, valid.statusCode());
      assertTrue(valid.body().contains("Toujours prendre"));
    } finally {
      db.deleteFrom(SHARE_LOOKUP_FAILURE).execute();
    }
  }

  @Test
  void removing_a_member_revokes_the_links_they_made_and_tells_the_owner() {
    Account leaving = app.account(workspace, Role.RECRUITER);
    var shares = app.app().services().shares();
    var first =
        shares.create(
            workspace,
            new ShareService.Request("manuel-de-l-agence", "Hugo", 14, List.of(), false),
            new Actor(leaving.id(), "Leaving"));
    shares.create(
        workspace,
        new ShareService.Request("manuel-de-l-agence", "Inès", 14, List.of(), false),
        new Actor(leaving.id(), "Leaving"));
    String kept = share("Jules", "following");
    String token = first.url().substring(first.url().indexOf("/s/") + 3);
    assertEquals(200, app.get("/s/" + token).statusCode());

    Browser ownerBrowser = app.browser();
    ownerBrowser.login(owner.email(), TestApp.PASSWORD);
    ownerBrowser.get("/w/agence/members");
    var removed =
        ownerBrowser.post("/w/agence/members/" + leaving.id() + "/remove", form("confirm", "yes"));
    assertEquals(303, removed.statusCode(), removed.body());
    String page = ownerBrowser.get(removed.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(page.contains(": 2."), "the owner is told how many: " + page);
    assertEquals(404, app.get("/s/" + token).statusCode(), "the leaver's link stopped with them");
    assertEquals(200, app.get("/s/" + kept).statusCode(), "other people's links go on");
  }

  @Test
  void a_recruiter_made_assistant_loses_the_links_they_made_and_the_owner_is_told() {
    Account recruiter = app.account(workspace, Role.RECRUITER);
    var shares = app.app().services().shares();
    var made =
        shares.create(
            workspace,
            new ShareService.Request("manuel-de-l-agence", "Lina", 14, List.of(), true),
            new Actor(recruiter.id(), "Recruiter"));
    String token = made.url().substring(made.url().indexOf("/s/") + 3);
    assertEquals(200, app.get("/s/" + token).statusCode());

    Browser ownerBrowser = app.browser();
    ownerBrowser.login(owner.email(), TestApp.PASSWORD);
    ownerBrowser.get("/w/agence/members");
    var changed =
        ownerBrowser.post(
            "/w/agence/members/" + recruiter.id() + "/role", form("role", "assistant"));
    assertEquals(303, changed.statusCode(), changed.body());
    String page = ownerBrowser.get(changed.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(page.contains("candidate link they had made is revoked"), page);
    assertEquals(404, app.get("/s/" + token).statusCode(), "an assistant shares nothing");

    // Made editor, a sharer keeps their links.
    Account editor = app.account(workspace, Role.RECRUITER);
    var kept =
        shares.create(
            workspace,
            new ShareService.Request("manuel-de-l-agence", "Malo", 14, List.of(), false),
            new Actor(editor.id(), "Recruiter"));
    app.app().services().memberships().changeRole(workspace, editor.id(), Role.EDITOR, owner.id());
    assertEquals(
        200, app.get("/s/" + kept.url().substring(kept.url().indexOf("/s/") + 3)).statusCode());
  }

  @Test
  void the_candidate_page_loads_images_from_this_server_only() {
    String token = share("Karim", "following");
    HttpResponse<String> page = app.get("/s/" + token);
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(policy.contains("img-src 'self';"), policy);
    assertFalse(policy.contains("https:"), policy);
  }

  @Test
  void one_link_shares_a_whole_collection_and_each_manual_reads_by_title() {
    var services = app.app().services();
    publish(
        workspace,
        "Courrier de l'agence",
        "## Ouvrir le courrier {#courrier}\nLe matin, trier les lettres.\n");
    services
        .shelf()
        .createCollection(workspace, "Pour les candidats", new Actor(owner.id(), "Owner"));
    long collection =
        services.shelf().collections(workspace).stream()
            .filter(c -> c.name().equals("Pour les candidats"))
            .findFirst()
            .orElseThrow()
            .id();
    Actor actor = new Actor(owner.id(), "Owner");
    services.shelf().place(workspace, "manuel-de-l-agence", collection, actor);
    services.shelf().place(workspace, "courrier-de-l-agence", collection, actor);

    String form = recruiter.get("/w/agence/shares/new?collection=" + collection).body();
    assertTrue(
        form.contains("Courrier de l&#39;agence") || form.contains("Courrier de l'agence"), form);
    var refused = shareSeveral(collection, "procedure", "vol");
    assertEquals(400, refused.statusCode());
    assertTrue(
        refused.body().contains("Choose procedures only when sharing one manual."), refused.body());
    assertTrue(refused.body().contains("value=\"Iris\""), "the form keeps what was typed");

    var created = shareSeveral(collection);
    assertEquals(200, created.statusCode(), created.body());
    String url = created.body().replaceAll("(?s).*?(/s/[A-Za-z0-9_-]{43}).*", "$1");
    String page = app.get(url).body();
    assertTrue(page.contains("Manuels partagés avec vous"), page);
    assertTrue(page.contains("Manuel de l&#39;agence") || page.contains("Manuel de l'agence"));
    assertTrue(page.contains("Toujours prendre un siège côté couloir"), "the first manual's text");
    assertTrue(page.contains("trier les lettres"), "the second manual's text");
    assertTrue(page.contains("href=\"#m2-courrier\""), "a table of contents across manuals");
    assertTrue(page.contains("J'ai lu ces manuels"));
    assertFalse(page.contains("Manuel secret"), "nothing of another workspace");
    String list = recruiter.get("/w/agence/shares").body();
    assertTrue(
        list.contains("Manuel de l&#39;agence, Courrier de l&#39;agence")
            || list.contains("Manuel de l'agence, Courrier de l'agence"),
        list);

    // A manual archived since drops out of the link; the link goes when none is left.
    services.shelf().archive(workspace, "courrier-de-l-agence", actor);
    String fewer = app.get(url).body();
    assertFalse(fewer.contains("trier les lettres"));
    assertTrue(fewer.contains("côté couloir"));
    services.shelf().archive(workspace, "manuel-de-l-agence", actor);
    assertEquals(404, app.get(url).statusCode());
    services.shelf().unarchive(workspace, "manuel-de-l-agence", actor);
    services.shelf().unarchive(workspace, "courrier-de-l-agence", actor);
  }

  @Test
  void purging_the_first_manual_of_a_link_keeps_the_link_to_the_others() {
    Workspace cabinet = app.workspace("cabinet-purge");
    Account boss = app.account(cabinet, Role.OWNER);
    Actor actor = new Actor(boss.id(), "Owner");
    publish(cabinet, "Premier manuel", "## Accueil\nOuvrir le bureau.\n");
    publish(cabinet, "Second manuel", "## Fermeture\nÉteindre les lumières du couloir.\n");
    var services = app.app().services();
    var created =
        services
            .shares()
            .create(
                cabinet,
                new ShareService.Request(
                    List.of("premier-manuel", "second-manuel"), "Jade", 30, List.of(), false),
                actor);
    String url = created.url().substring(created.url().indexOf("/s/"));
    app.get(url); // opened once: the recruiter sees it in the link's record

    services.shelf().delete(cabinet, "premier-manuel", actor);
    db.execute(
        "update manual set deleted_at = now() - interval '31 days' where deleted_at is not null and slug = 'premier-manuel'");
    assertTrue(services.shelf().purge() >= 1);

    var page = app.get(url);
    assertEquals(200, page.statusCode(), "the link still shares the second manual");
    assertTrue(page.body().contains("Éteindre les lumières du couloir"), page.body());
    assertFalse(page.body().contains("Ouvrir le bureau"));
    var kept = services.shares().get(cabinet, created.link().id());
    assertFalse(services.shares().openings(kept).isEmpty(), "its openings are kept");
  }

  /** Shares a whole collection in one link labelled "Iris", with any further fields. */
  private static HttpResponse<String> shareSeveral(long collection, String... more) {
    Map<String, String> fields =
        new LinkedHashMap<>(
            form(
                "several",
                "yes",
                "label",
                "Iris",
                "days",
                "7",
                "collection",
                String.valueOf(collection)));
    fields.putAll(form(more));
    return recruiter.post("/w/agence/shares", fields);
  }
}
