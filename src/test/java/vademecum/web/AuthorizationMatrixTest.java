package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.file.StoredFile;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.share.ShareService;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestImages;

/**
 * Walks every registered route as each kind of visitor and checks the exact status. A route added
 * without a line here fails {@link #every_registered_route_has_an_entry}.
 *
 * <p>Columns: anonymous, member of another workspace, instance admin (not a member), recruiter,
 * assistant, editor, owner. Forms are posted empty (with a valid CSRF token): an allowed visitor
 * gets the validation answer (400) or the action's redirect, a refused one 401, 403 or 404.
 */
class AuthorizationMatrixTest {
  private static final List<String> VISITORS =
      List.of("anonymous", "outsider", "admin", "recruiter", "assistant", "editor", "owner");

  private static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

  static {
    expect("GET /health", 200, 200, 200, 200, 200, 200, 200);
    expect("GET /ready", 200, 200, 200, 200, 200, 200, 200);
    // Asked from this machine; from elsewhere it needs the metrics token (MetricsTest).
    expect("GET /metrics", 200, 200, 200, 200, 200, 200, 200);
    expect("GET /assets/{name}", 200, 200, 200, 200, 200, 200, 200);
    expect("GET /login", 200, 200, 200, 200, 200, 200, 200);
    // Empty credentials with the sign-in form's token: asked to fill the form in.
    expect("POST /login", 400, 400, 400, 400, 400, 400, 400);
    expect("GET /account", 303, 200, 200, 200, 200, 200, 200);
    expect("POST /account/language", 401, 400, 400, 400, 400, 400, 400);
    expect("POST /account/password", 401, 400, 400, 400, 400, 400, 400);
    expect("POST /account/tokens", 401, 200, 200, 200, 200, 200, 200);
    expect("POST /account/tokens/{token}/revoke", 401, 404, 404, 404, 404, 404, 404);
    // Posted empty, it asks for its confirmation (and ends nobody's session here).
    // 200 on a destructive action is the question it asks first (web.Confirmation); the action
    // itself needs confirm=yes, which each feature's own test sends.
    expect("POST /account/sign-out-everywhere", 401, 200, 200, 200, 200, 200, 200);
    expect("GET /admin", 303, 404, 200, 404, 404, 404, 404);
    expect("POST /admin/workspaces", 401, 404, 400, 404, 404, 404, 404);
    expect("POST /admin/accounts", 401, 404, 400, 404, 404, 404, 404);
    // The account here has a confirmed address: nothing to confirm (EmailVerificationTest).
    expect("POST /admin/accounts/{account}/confirm", 401, 404, 404, 404, 404, 404, 404);
    expect("POST /admin/manuals/{manual}/restore", 401, 404, 404, 404, 404, 404, 404);
    expect("POST /admin/accounts/{account}/reset-link", 401, 404, 200, 404, 404, 404, 404);
    expect("GET /password/forgot", 200, 200, 200, 200, 200, 200, 200);
    expect("POST /password/forgot", 200, 200, 200, 200, 200, 200, 200);
    expect("GET /password/reset/{token}", 410, 410, 410, 410, 410, 410, 410);
    expect("POST /password/reset/{token}", 410, 410, 410, 410, 410, 410, 410);
    expect("GET /verify/{token}", 410, 410, 410, 410, 410, 410, 410);
    expect("POST /verify/{token}", 410, 410, 410, 410, 410, 410, 410);
    expect("GET /", 303, 200, 200, 200, 200, 200, 200);
    expect("GET /w/{workspace}", 303, 404, 404, 200, 200, 200, 200);
    expect("GET /w/{workspace}/members", 303, 404, 404, 403, 403, 403, 200);
    expect("POST /w/{workspace}/invitations", 401, 404, 404, 403, 403, 403, 400);
    expect(
        "POST /w/{workspace}/invitations/{invitation}/revoke", 401, 404, 404, 403, 403, 403, 200);
    expect("POST /w/{workspace}/members/{account}/role", 401, 404, 404, 403, 403, 403, 400);
    expect("POST /w/{workspace}/members/{account}/remove", 401, 404, 404, 403, 403, 403, 200);
    expect("POST /w/{workspace}/members/{account}/reset-link", 401, 404, 404, 403, 403, 403, 200);
    expect("GET /invitations/{token}", 200, 200, 200, 200, 200, 200, 200);
    expect("POST /invitations/{token}", 400, 400, 400, 400, 400, 400, 400);
    expect("GET /api/v1/me", 401, 401, 401, 401, 401, 401, 401);
    expect("GET /api/v1/workspaces", 401, 401, 401, 401, 401, 401, 401);
    expect("GET /api/v1/search", 401, 401, 401, 401, 401, 401, 401);
    // The API answers bearer tokens only: a browser session is not enough (ApiTest covers roles).
    expect("GET /api/v1/workspaces/{workspace}/manuals", 401, 401, 401, 401, 401, 401, 401);
    expect("POST /api/v1/workspaces/{workspace}/manuals", 401, 401, 401, 401, 401, 401, 401);
    expect(
        "GET /api/v1/workspaces/{workspace}/manuals/{manual}", 401, 401, 401, 401, 401, 401, 401);
    expect(
        "GET /api/v1/workspaces/{workspace}/manuals/{manual}/revisions",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/manuals/{manual}/revisions",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/manuals/{manual}/publish",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "GET /api/v1/workspaces/{workspace}/manuals/{manual}/procedures",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/acknowledgements", 401, 401, 401, 401, 401, 401, 401);
    expect("GET /api/v1/workspaces/{workspace}/dashboard", 401, 401, 401, 401, 401, 401, 401);
    // Issue 27's API: a bearer token only (ApiSchemaTest calls each with one).
    for (String route :
        List.of(
            "GET /api/v1/workspaces/{workspace}/runs",
            "GET /api/v1/workspaces/{workspace}/runs/{run}",
            "POST /api/v1/workspaces/{workspace}/manuals/{manual}/procedures/{procedure}/runs",
            "POST /api/v1/workspaces/{workspace}/runs/{run}/steps/{position}",
            "POST /api/v1/workspaces/{workspace}/runs/{run}/finish",
            "GET /api/v1/workspaces/{workspace}/schedules",
            "POST /api/v1/workspaces/{workspace}/manuals/{manual}/procedures/{procedure}/schedules",
            "POST /api/v1/workspaces/{workspace}/schedules/{schedule}/stop")) {
      expect(route, 401, 401, 401, 401, 401, 401, 401);
    }
    // Issue 24's API: a bearer token only (ApiSchemaTest calls each with one).
    expect("GET /api/v1/workspaces/{workspace}/questions", 401, 401, 401, 401, 401, 401, 401);
    expect(
        "POST /api/v1/workspaces/{workspace}/manuals/{manual}/procedures/{procedure}/questions",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "GET /api/v1/workspaces/{workspace}/questions/{question}",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/questions/{question}/messages",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/questions/{question}/status",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/questions/{question}/public",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect("GET /api/v1/workspaces/{workspace}/suggestions", 401, 401, 401, 401, 401, 401, 401);
    expect(
        "POST /api/v1/workspaces/{workspace}/manuals/{manual}/suggestions",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "GET /api/v1/workspaces/{workspace}/suggestions/{suggestion}",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/suggestions/{suggestion}/decision",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect("GET /api/v1/workspaces/{workspace}/review", 401, 401, 401, 401, 401, 401, 401);
    expect(
        "GET /api/v1/workspaces/{workspace}/manuals/{manual}/review",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/manuals/{manual}/reviews",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/manuals/{manual}/stewardship",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/manuals/{manual}/procedures/{procedure}/flags",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect(
        "POST /api/v1/workspaces/{workspace}/flags/{flag}/resolve",
        401,
        401,
        401,
        401,
        401,
        401,
        401);
    expect("GET /api/v1/openapi.json", 200, 200, 200, 200, 200, 200, 200);
    expect("POST /api/v1/workspaces/{workspace}/files", 401, 401, 401, 401, 401, 401, 401);
    // No file in the form: asked for one. Reading a published manual's screenshot is for members.
    expect("POST /w/{workspace}/files", 401, 404, 404, 403, 403, 400, 400);
    expect("GET /w/{workspace}/files/{sha256}/{name}", 303, 404, 404, 200, 200, 200, 200);
    expect("GET /search", 303, 200, 200, 200, 200, 200, 200);
    expect("GET /search/results", 303, 200, 200, 200, 200, 200, 200);
    // Opening a hit needs a hit of one's own workspaces to open: without one, 400.
    expect("GET /search/go", 303, 400, 400, 400, 400, 400, 400);
    expect("GET /w/{workspace}/insights", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/synonyms", 303, 404, 404, 403, 403, 200, 200);
    // An empty list is a list: saving it empties the workspace's own synonyms (200, the page).
    expect("POST /w/{workspace}/synonyms", 401, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/synonyms.txt", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /api/v1/workspaces/{workspace}/synonyms", 401, 401, 401, 401, 401, 401, 401);
    expect("POST /api/v1/workspaces/{workspace}/synonyms", 401, 401, 401, 401, 401, 401, 401);
    expect("GET /api/v1/workspaces/{workspace}/insights", 401, 401, 401, 401, 401, 401, 401);
    expect("GET /w/{workspace}/new", 303, 404, 404, 403, 403, 200, 200);
    expect("POST /w/{workspace}/manuals", 401, 404, 404, 403, 403, 400, 400);
    expect("POST /w/{workspace}/preview", 401, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/m/{manual}", 303, 404, 404, 200, 200, 200, 200);
    expect("POST /w/{workspace}/m/{manual}", 401, 404, 404, 403, 403, 400, 400);
    expect("GET /w/{workspace}/m/{manual}/p/{procedure}", 303, 404, 404, 303, 303, 303, 303);
    expect("GET /w/{workspace}/m/{manual}/edit", 303, 404, 404, 403, 403, 200, 200);
    // Without ?base= the editor's poll is a bad request.
    expect("GET /w/{workspace}/m/{manual}/latest", 303, 404, 404, 403, 403, 400, 400);
    expect("POST /w/{workspace}/m/{manual}/publish", 401, 404, 404, 403, 403, 400, 400);
    expect("GET /w/{workspace}/m/{manual}/history", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/m/{manual}/diff", 303, 404, 404, 403, 403, 200, 200);
    expect("POST /w/{workspace}/m/{manual}/restore", 401, 404, 404, 403, 403, 400, 400);
    expect("POST /w/{workspace}/m/{manual}/archive", 401, 404, 404, 403, 403, 200, 200);
    expect("POST /w/{workspace}/m/{manual}/unarchive", 401, 404, 404, 403, 403, 303, 303);
    expect("POST /w/{workspace}/m/{manual}/delete", 401, 404, 404, 403, 403, 403, 200);
    expect("POST /w/{workspace}/m/{manual}/collection", 401, 404, 404, 403, 403, 303, 303);
    expect("POST /w/{workspace}/m/{manual}/move", 401, 404, 404, 403, 403, 400, 400);
    expect("POST /w/{workspace}/collections", 401, 404, 404, 403, 403, 400, 400);
    expect(
        "POST /w/{workspace}/collections/{collection}/rename", 401, 404, 404, 403, 403, 400, 400);
    expect("POST /w/{workspace}/collections/{collection}/move", 401, 404, 404, 403, 403, 400, 400);
    expect(
        "POST /w/{workspace}/collections/{collection}/delete", 401, 404, 404, 403, 403, 404, 404);
    expect("POST /w/{workspace}/acknowledge", 401, 404, 404, 403, 400, 400, 403);
    expect("GET /inbox", 303, 200, 200, 200, 200, 200, 200);
    // Issue 24: questions. The one here was asked by another assistant: this assistant does not
    // see it (404, as if it did not exist); recruiters take no part in questions (403).
    expect("GET /questions", 303, 200, 200, 200, 200, 200, 200);
    expect("GET /w/{workspace}/m/{manual}/p/{procedure}/ask", 303, 404, 404, 403, 200, 200, 200);
    expect(
        "POST /w/{workspace}/m/{manual}/p/{procedure}/questions",
        401,
        404,
        404,
        403,
        400,
        400,
        400);
    expect("GET /w/{workspace}/questions", 303, 404, 404, 403, 200, 200, 200);
    expect("GET /w/{workspace}/questions/{question}", 303, 404, 404, 403, 404, 200, 200);
    // Runs: owners, editors and assistants. The matrix's procedure has no steps to run (400);
    // {run} is a run of another procedure, with one open step (finishing it is refused: 409).
    expect("GET /w/{workspace}/m/{manual}/p/{procedure}/run", 303, 404, 404, 403, 400, 400, 400);
    expect("POST /w/{workspace}/m/{manual}/p/{procedure}/run", 401, 404, 404, 403, 400, 400, 400);
    String acknowledgeForRun = "POST /w/{workspace}/m/{manual}/p/{procedure}/run/acknowledge";
    expect(acknowledgeForRun, 401, 404, 404, 403, 400, 400, 400);
    expect("GET /w/{workspace}/runs", 303, 404, 404, 403, 200, 200, 200);
    expect("GET /w/{workspace}/runs.csv", 303, 404, 404, 403, 200, 200, 200);
    expect("POST /w/{workspace}/runs/zone", 401, 404, 404, 403, 403, 403, 400);
    expect("GET /w/{workspace}/runs/{run}", 303, 404, 404, 403, 200, 200, 200);
    expect("GET /w/{workspace}/runs/{run}/steps", 303, 404, 404, 403, 200, 200, 200);
    expect("POST /w/{workspace}/runs/{run}/steps/{position}", 401, 404, 404, 403, 400, 400, 400);
    expect("POST /w/{workspace}/runs/{run}/finish", 401, 404, 404, 403, 409, 409, 409);
    // Posted without a file: asked for one.
    expect(
        "POST /w/{workspace}/runs/{run}/steps/{position}/files", 401, 404, 404, 403, 400, 400, 400);
    // A file the step does not have: not found.
    expect(
        "POST /w/{workspace}/runs/{run}/steps/{position}/files/{file}/remove",
        401,
        404,
        404,
        403,
        404,
        404,
        404);
    // Schedules: owners and editors; the matrix's procedure has no steps (400).
    expect(
        "GET /w/{workspace}/m/{manual}/p/{procedure}/schedules", 303, 404, 404, 403, 403, 400, 400);
    expect(
        "POST /w/{workspace}/m/{manual}/p/{procedure}/schedules",
        401,
        404,
        404,
        403,
        403,
        400,
        400);
    expect("POST /w/{workspace}/schedules/{schedule}/stop", 401, 404, 404, 403, 403, 404, 404);
    expect("POST /w/{workspace}/questions/{question}/messages", 401, 404, 404, 403, 404, 400, 400);
    expect("POST /w/{workspace}/questions/{question}/status", 401, 404, 404, 403, 404, 400, 400);
    expect("POST /w/{workspace}/questions/{question}/public", 401, 404, 404, 403, 403, 400, 400);
    // Suggested edits: the one here is another assistant's, not decided; the question above has
    // no answer to add to the procedure yet (409), and only its author resubmits (409).
    expect("GET /w/{workspace}/m/{manual}/suggest", 303, 404, 404, 403, 200, 200, 200);
    expect(
        "GET /w/{workspace}/m/{manual}/p/{procedure}/suggest", 303, 404, 404, 403, 200, 200, 200);
    expect("POST /w/{workspace}/m/{manual}/suggestions", 401, 404, 404, 403, 400, 400, 400);
    expect("GET /w/{workspace}/questions/{question}/suggest", 303, 404, 404, 403, 403, 409, 409);
    expect("GET /w/{workspace}/suggestions", 303, 404, 404, 403, 200, 200, 200);
    expect("GET /w/{workspace}/suggestions/{suggestion}", 303, 404, 404, 403, 404, 200, 200);
    expect(
        "GET /w/{workspace}/suggestions/{suggestion}/resubmit", 303, 404, 404, 403, 404, 409, 409);
    expect(
        "POST /w/{workspace}/suggestions/{suggestion}/accept", 401, 404, 404, 403, 403, 400, 400);
    expect(
        "POST /w/{workspace}/suggestions/{suggestion}/decline", 401, 404, 404, 403, 403, 400, 400);
    // Reviews: "still accurate" needs nothing more than the click (303); a flag needs its note.
    expect("GET /w/{workspace}/review", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/m/{manual}/review", 303, 404, 404, 403, 403, 200, 200);
    expect("POST /w/{workspace}/m/{manual}/review", 401, 404, 404, 403, 403, 303, 303);
    expect("POST /w/{workspace}/m/{manual}/stewardship", 401, 404, 404, 403, 403, 400, 400);
    expect("GET /w/{workspace}/m/{manual}/p/{procedure}/flag", 303, 404, 404, 403, 200, 200, 200);
    expect("POST /w/{workspace}/m/{manual}/p/{procedure}/flag", 401, 404, 404, 403, 400, 400, 400);
    expect("POST /w/{workspace}/flags/{flag}/resolve", 401, 404, 404, 403, 403, 404, 404);
    expect("POST /inbox", 401, 400, 400, 400, 400, 400, 400);
    expect("GET /w/{workspace}/acknowledgements", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/acknowledgements.csv", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/dashboard.csv", 303, 404, 404, 403, 403, 200, 200);
    expect(
        "GET /w/{workspace}/m/{manual}/p/{procedure}/acknowledgements",
        303,
        404,
        404,
        403,
        403,
        200,
        200);
    expect("GET /w/{workspace}/m/{manual}/share", 303, 404, 404, 200, 403, 200, 200);
    expect("POST /w/{workspace}/shares", 401, 404, 404, 400, 403, 400, 400);
    // The candidate's page is public: the token is the permission.
    expect("GET /s/{token}", 200, 200, 200, 200, 200, 200, 200);
    // The link shows the procedure that uses this screenshot: anyone holding it sees it.
    expect("GET /s/{token}/files/{sha256}/{name}", 200, 200, 200, 200, 200, 200, 200);
    expect("POST /s/{token}/read", 303, 303, 303, 303, 303, 303, 303);
    // A signed-in page first: the candidate's page carries only its anonymous form token.
    expect("GET /w/{workspace}/shares", 303, 404, 404, 200, 403, 200, 200);
    expect("GET /w/{workspace}/shares/new", 303, 404, 404, 200, 403, 200, 200);
    expect("GET /w/{workspace}/shares/{link}", 303, 404, 404, 200, 403, 200, 200);
    expect("POST /w/{workspace}/shares/{link}/revoke", 401, 404, 404, 200, 403, 200, 200);
    expect("GET /w/{workspace}/m/{manual}/export.md", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/m/{manual}/history.zip", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/export.zip", 303, 404, 404, 403, 403, 200, 200);
    expect("GET /w/{workspace}/m/{manual}/print", 303, 404, 404, 200, 200, 200, 200);
    expect("GET /w/{workspace}/import", 303, 404, 404, 403, 403, 200, 200);
    // No file chosen: the form again, 400.
    expect("POST /w/{workspace}/import", 401, 404, 404, 403, 403, 400, 400);
    expect("POST /w/{workspace}/import/{upload}", 401, 404, 404, 403, 403, 404, 404);
    // Without ?path= no imported manual is found.
    expect("GET /w/{workspace}/source", 303, 404, 404, 404, 404, 404, 404);
    expect("GET /w/{workspace}/webhooks", 303, 404, 404, 403, 403, 403, 200);
    expect("POST /w/{workspace}/webhooks", 401, 404, 404, 403, 403, 403, 400);
    expect("POST /w/{workspace}/webhooks/{webhook}/delete", 401, 404, 404, 403, 403, 403, 404);
    // The language switch: an empty form chooses no language.
    expect("POST /language", 400, 400, 400, 400, 400, 400, 400);
    // Last, because it ends each visitor's session.
    expect("POST /logout", 401, 303, 303, 303, 303, 303, 303);
  }

  private static void expect(String route, int... statuses) {
    EXPECTED.put(route, statuses);
  }

  private static TestApp app;
  private static final Map<String, Browser> browsers = new LinkedHashMap<>();
  private static final Map<String, String> params = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() {
    app = TestApp.start();
    var services = app.app().services();
    Workspace acme = app.workspace("acme");
    Workspace other = app.workspace("other");
    StoredFile screenshot =
        services.files().upload(acme, Actor.SYSTEM, "étape 1.png", TestImages.png(40, 30));
    app.publish(
        acme, "Guide", "fr", "## Étape\nTexte.\n\n" + screenshot.markdown("acme", "Écran") + "\n");
    Account owner = app.account(acme, Role.OWNER);
    Account victim = app.account(acme, Role.ASSISTANT);
    Account stranger = app.account(null, null);
    services.memberships().invite(acme, "revoked@test.example", Role.ASSISTANT, owner.id());
    long invitationId = services.memberships().pendingInvitations(acme).get(0).id();
    String invitationToken =
        services.memberships().invite(acme, "pending@test.example", Role.EDITOR, owner.id());
    services.tokens().create(stranger.id(), "stranger's");
    long strangerToken = services.tokens().list(stranger.id()).get(0).id();

    var share =
        services
            .shares()
            .create(
                acme,
                new ShareService.Request("guide", "Candidate", 14, List.of(), false),
                new Actor(owner.id(), "Owner"));
    params.put("{link}", String.valueOf(share.link().id()));
    var question =
        services
            .questions()
            .ask(
                acme,
                Role.ASSISTANT,
                new Actor(victim.id(), "Victim"),
                "guide",
                "etape",
                "",
                "Laquelle ?",
                null);
    params.put("{question}", String.valueOf(question.id()));
    var suggestion =
        services
            .suggestions()
            .propose(
                acme,
                Role.ASSISTANT,
                new Actor(victim.id(), "Victim"),
                "guide",
                "etape",
                1,
                "## Étape\nAutre texte.\n",
                "",
                null,
                null);
    params.put("{suggestion}", String.valueOf(suggestion.id()));
    app.publish(acme, "Checklist", "fr", "## Pointage {#pointage}\n\n1. Pointer.\n");
    Actor ownerActor = new Actor(owner.id(), "Owner");
    services.runs().acknowledge(acme, Role.OWNER, ownerActor, "checklist", "pointage", null);
    var run = services.runs().start(acme, Role.OWNER, ownerActor, "checklist", "pointage", "", "");
    params.put("{run}", String.valueOf(run.id()));
    params.put("{position}", "1");
    params.put("{schedule}", "999999");
    params.put("/s/{token}", share.url().substring(share.url().indexOf("/s/")));
    params.put("/assets/{name}", Assets.url("app.css"));
    params.put("{upload}", "no-such-upload");
    params.put("{sha256}", screenshot.sha256());
    params.put("{name}", screenshot.urlName());
    params.put("{webhook}", "999999");
    params.put("{collection}", "999999");
    params.put("{flag}", "999999");
    params.put("{file}", "0".repeat(64));
    params.put("{workspace}", "acme");
    params.put("{manual}", "guide");
    params.put("{procedure}", "etape");
    params.put("{invitation}", String.valueOf(invitationId));
    params.put("{account}", String.valueOf(victim.id()));
    params.put("/invitations/{token}", "/invitations/" + invitationToken);
    params.put("/verify/{token}", "/verify/no-such-link");
    params.put("/password/reset/{token}", "/password/reset/no-such-link");
    params.put("/account/tokens/{token}", "/account/tokens/" + strangerToken);

    browsers.put("anonymous", app.browser());
    browsers.put("outsider", app.signedIn(other, Role.OWNER));
    Account admin =
        services
            .accounts()
            .create("admin@test.example", "Admin", "fr", TestApp.PASSWORD, true, null);
    Browser adminBrowser = app.browser();
    adminBrowser.login(admin.email(), TestApp.PASSWORD);
    browsers.put("admin", adminBrowser);
    browsers.put("recruiter", app.signedIn(acme, Role.RECRUITER));
    browsers.put("assistant", app.signedIn(acme, Role.ASSISTANT));
    browsers.put("editor", app.signedIn(acme, Role.EDITOR));
    Browser ownerBrowser = app.browser();
    ownerBrowser.login(owner.email(), TestApp.PASSWORD);
    browsers.put("owner", ownerBrowser);
  }

  @AfterAll
  static void tearDown() {
    app.close();
  }

  @Test
  void every_registered_route_has_an_entry() {
    var registered = new TreeSet<String>();
    app.app().web().routes().forEach(r -> registered.add(r.method() + " " + r.path()));
    assertEquals(new TreeSet<>(EXPECTED.keySet()), registered);
  }

  @Test
  void every_route_answers_each_visitor_as_expected() {
    List<String> mismatches = new ArrayList<>();
    for (var entry : EXPECTED.entrySet()) {
      String[] parts = entry.getKey().split(" ", 2);
      String path = concrete(parts[1]);
      for (int i = 0; i < VISITORS.size(); i++) {
        Browser browser = browsers.get(VISITORS.get(i));
        HttpResponse<String> response =
            parts[0].equals("GET") ? browser.get(path) : browser.post(path, Map.of());
        if (response.statusCode() != entry.getValue()[i]) {
          mismatches.add(
              entry.getKey()
                  + " as "
                  + VISITORS.get(i)
                  + ": expected "
                  + entry.getValue()[i]
                  + ", got "
                  + response.statusCode());
        }
        assertFalse(response.body().contains("Exception"), entry.getKey() + " leaked an exception");
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void an_outsider_cannot_tell_an_existing_workspace_from_a_missing_one() {
    Browser outsider = app.signedIn(app.workspace("elsewhere"), Role.OWNER);
    var existing = outsider.get("/w/acme/m/guide");
    var missing = outsider.get("/w/no-such-workspace/m/guide");
    assertEquals(404, existing.statusCode());
    assertEquals(missing.statusCode(), existing.statusCode());
    // The pages differ only by the address typed, which the language switch returns to.
    assertEquals(
        missing.body().replace("/w/no-such-workspace/m/guide", "ADDRESS"),
        existing.body().replace("/w/acme/m/guide", "ADDRESS"));
    assertTrue(outsider.get("/").body().contains("elsewhere"));
    assertFalse(outsider.get("/").body().contains("/w/acme"));
  }

  private static String concrete(String template) {
    String path = template;
    for (var param : params.entrySet()) {
      path = path.replace(param.getKey(), param.getValue());
    }
    return path;
  }
}
