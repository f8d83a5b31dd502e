package vademecum.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;

/**
 * Single sign-on against a real OpenID Connect provider (NAV's mock-oauth2-server, started here on
 * loopback): the code flow end to end, and each way a sign-in must be refused.
 */
class SingleSignOnTest {
  private static final String ISSUER_ID = "corp";
  private static final String CLIENT = "vademecum-client";
  private static MockOAuth2Server provider;
  private static final AtomicReference<String> forgedAnswer = new AtomicReference<>();
  private static TestApp app;
  private static Workspace workspace;
  private static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    // One route of our own before the provider's: a token answer a test forged, when it set one.
    Route forgedTokens =
        new Route() {
          @Override
          public boolean match(OAuth2HttpRequest request) {
            return forgedAnswer.get() != null && request.getUrl().encodedPath().endsWith("/token");
          }

          @Override
          public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return new OAuth2HttpResponse(
                Headers.of("Content-Type", "application/json"),
                200,
                forgedAnswer.getAndSet(null),
                null);
          }
        };
    provider = new MockOAuth2Server(forgedTokens);
    provider.start();
    app =
        TestApp.startWith(
            Map.of(
                "VADEMECUM_OIDC_ISSUER",
                provider.issuerUrl(ISSUER_ID).toString(),
                "VADEMECUM_OIDC_CLIENT_ID",
                CLIENT,
                "VADEMECUM_OIDC_CLIENT_SECRET",
                "client-secret",
                "VADEMECUM_OIDC_NAME",
                "Corp",
                "VADEMECUM_OIDC_ALLOWED_DOMAINS",
                "corp.example",
                "VADEMECUM_OIDC_GROUP_ROLES",
                "va-team=sso-team:assistant, va-leads=sso-team:owner"));
    workspace = app.workspace("sso-team");
  }

  @AfterAll
  static void stop() {
    app.close();
    provider.shutdown();
  }

  /** The claims of the next ID token the provider issues. */
  private static void nextToken(String email, boolean verified, long lifetimeSeconds) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("email", email);
    claims.put("email_verified", verified);
    claims.put("name", "Person " + email);
    claims.put("groups", List.of("staff"));
    nextToken(claims, lifetimeSeconds);
  }

  private static void nextToken(Map<String, Object> claims, long lifetimeSeconds) {
    provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER_ID,
            "subject-" + claims.get("email"),
            JOSEObjectType.JWT.getType(),
            List.of(CLIENT),
            claims,
            lifetimeSeconds));
  }

  /** Leaves for the provider and comes back: the callback's path and query, not yet followed. */
  private static String throughProvider(Browser browser, String next) throws Exception {
    var start = browser.get("/login/sso?next=" + next);
    assertEquals(303, start.statusCode(), start.body());
    String authorize = start.headers().firstValue("Location").orElseThrow();
    assertTrue(authorize.startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString()));
    assertTrue(authorize.contains("code_challenge_method=S256"), authorize);
    assertTrue(authorize.contains("nonce="), authorize);
    var back =
        http.send(
            HttpRequest.newBuilder(URI.create(authorize)).build(),
            HttpResponse.BodyHandlers.ofString());
    URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
    assertEquals("/login/sso/callback", callback.getPath());
    return callback.getPath() + "?" + callback.getRawQuery();
  }

  /**
   * Signs in as the provider's token will say: its claims are queued just before our callback
   * exchanges the code (the provider issues a token per exchange, from its queue).
   */
  private static HttpResponse<String> signIn(
      Browser browser, String next, String email, boolean verified, long lifetimeSeconds)
      throws Exception {
    String callback = throughProvider(browser, next);
    nextToken(email, verified, lifetimeSeconds);
    return browser.get(callback);
  }

  private static HttpResponse<String> signIn(Browser browser, String email) throws Exception {
    return signIn(browser, "/", email, true, 3600);
  }

  @Test
  void a_known_address_signs_in_and_lands_where_it_was_going() throws Exception {
    Account known = app.account(workspace, Role.EDITOR);
    Browser browser = app.browser();
    assertTrue(browser.get("/login").body().contains("Sign in with Corp"));
    var signedIn = signIn(browser, "/w/sso-team", known.email(), true, 3600);
    assertEquals(303, signedIn.statusCode(), signedIn.body());
    assertEquals("/w/sso-team", signedIn.headers().firstValue("Location").orElseThrow());
    var page = browser.get("/w/sso-team");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains(known.displayName()), "signed in as that person");

    // Signing out ends our session and the provider's, which publishes an end of session.
    browser.ready();
    var out = browser.post("/logout", Map.of());
    assertEquals(303, out.statusCode());
    String to = out.headers().firstValue("Location").orElseThrow();
    assertTrue(to.startsWith(provider.endSessionEndpointUrl(ISSUER_ID).toString()), to);
    assertTrue(to.contains("client_id=" + CLIENT), to);
    assertEquals(303, browser.get("/account").statusCode(), "signed out here");
  }

  @Test
  void an_unknown_address_needs_an_invitation_an_allowed_domain_or_a_mapped_group()
      throws Exception {
    // Refused, in the reader's language.
    Browser stranger = app.browser();
    stranger.setCookie("vd_lang", "fr");
    var refused = signIn(stranger, "nobody@elsewhere.example");
    assertEquals(403, refused.statusCode());
    assertTrue(
        refused.body().contains("Aucun compte ici n'a l'adresse nobody@elsewhere.example"),
        refused.headers().map() + " " + refused.body().length() + refused.body());
    assertTrue(app.app().services().accounts().findByEmail("nobody@elsewhere.example").isEmpty());

    // An allowed domain: the account is made, confirmed by the provider, in no workspace yet.
    assertEquals(303, signIn(app.browser(), "new.hire@corp.example").statusCode());
    assertTrue(app.app().services().accounts().findByEmail("new.hire@corp.example").isPresent());

    // An invitation: the account is made and joins the workspace with the invited role.
    Account owner = app.account(workspace, Role.OWNER);
    app.app()
        .services()
        .memberships()
        .invite(workspace, "invited@partner.example", Role.RECRUITER, owner.id());
    Browser invited = app.browser();
    assertEquals(303, signIn(invited, "invited@partner.example").statusCode());
    assertEquals(200, invited.get("/w/sso-team").statusCode());
    assertEquals(Role.RECRUITER, role("invited@partner.example"));

    // A group of the provider mapped to a workspace role.
    assertEquals(303, signInWithGroups("grouped@agency.example", "staff", "va-team"));
    assertEquals(Role.ASSISTANT, role("grouped@agency.example"));
  }

  /** Signs in through the provider as a person of these groups; the callback's status. */
  private static int signInWithGroups(String email, String... groups) throws Exception {
    Map<String, Object> claims = new HashMap<>();
    claims.put("email", email);
    claims.put("email_verified", true);
    claims.put("groups", List.of(groups));
    Browser browser = app.browser();
    String callback = throughProvider(browser, "/");
    nextToken(claims, 3600);
    return browser.get(callback).statusCode();
  }

  @Test
  void two_groups_for_one_workspace_give_the_stronger_role_and_no_demotion_in_between()
      throws Exception {
    assertEquals(303, signInWithGroups("lead@agency.example", "va-team", "va-leads"));
    assertEquals(Role.OWNER, role("lead@agency.example"));
    long id = app.app().services().accounts().findByEmail("lead@agency.example").orElseThrow().id();
    var webhooks = app.app().services().webhooks();
    webhooks.add(workspace, "http://127.0.0.1:9/lead", new Actor(id, "Lead"));
    // Signing in again: the assistant group no longer demotes them on the way (which deleted
    // their webhooks each time).
    assertEquals(303, signInWithGroups("lead@agency.example", "va-team", "va-leads"));
    assertEquals(Role.OWNER, role("lead@agency.example"));
    assertEquals(
        1, webhooks.list(workspace).stream().filter(w -> w.url().endsWith("/lead")).count());
  }

  private static Role role(String email) {
    long id = app.app().services().accounts().findByEmail(email).orElseThrow().id();
    return app.app().services().memberships().members(workspace).stream()
        .filter(m -> m.accountId() == id)
        .findFirst()
        .orElseThrow()
        .role();
  }

  @Test
  void an_address_the_provider_did_not_verify_is_refused() throws Exception {
    Account known = app.account(workspace, Role.ASSISTANT);
    Browser browser = app.browser();
    var refused = signIn(browser, "/", known.email(), false, 3600);
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("has not verified the address"), refused.body());
    assertEquals(303, browser.get("/account").statusCode(), "not signed in");
  }

  @Test
  void a_forged_or_missing_state_is_refused() throws Exception {
    Browser browser = app.browser();
    String callback = throughProvider(browser, "/");
    String forged = callback.replaceAll("state=[^&]+", "state=forged-by-someone");
    var refused = browser.get(forged);
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("expired or was already used"), refused.body());
    // The genuine callback in another browser (no attempt cookie): refused too.
    assertEquals(400, app.browser().get(callback).statusCode());
    assertEquals(303, browser.get("/account").statusCode(), "not signed in");
    // A cookie we did not write (a verifier the library refuses, an empty state): the same 400.
    Browser odd = app.browser();
    odd.setCookie(SsoRoutes.ATTEMPT_COOKIE, "s.n.short.Lw");
    assertEquals(400, odd.get("/login/sso/callback?state=s&code=x").statusCode());
    odd.setCookie(SsoRoutes.ATTEMPT_COOKIE, ".n.v.x");
    assertEquals(400, odd.get("/login/sso/callback?state=&code=x").statusCode());
  }

  @Test
  void a_callback_works_once_and_a_code_does_not_fit_another_attempt() throws Exception {
    Account known = app.account(workspace, Role.ASSISTANT);
    Browser browser = app.browser();
    String callback = throughProvider(browser, "/");
    nextToken(known.email(), true, 3600);
    assertEquals(303, browser.get(callback).statusCode());
    // Replayed in the same browser: the attempt is gone.
    assertEquals(400, browser.get(callback).statusCode());

    // The first attempt's code carried to a second attempt's state: the provider refuses it for
    // this attempt's PKCE verifier.
    Browser victim = app.browser();
    String first = throughProvider(victim, "/");
    String second = throughProvider(victim, "/");
    String firstCode = query(first, "code");
    String mixed = second.replaceAll("code=[^&]+", "code=" + firstCode);
    nextToken(known.email(), true, 3600);
    var refused = victim.get(mixed);
    assertEquals(403, refused.statusCode(), refused.body());
    assertEquals(303, victim.get("/account").statusCode(), "not signed in");
  }

  @Test
  void a_genuine_id_token_replayed_into_another_sign_in_is_refused_for_its_nonce()
      throws Exception {
    Account known = app.account(workspace, Role.ASSISTANT);
    // Signed by the provider's own key, for this client, but issued for another sign-in.
    Map<String, Object> claims = new HashMap<>();
    claims.put("email", known.email());
    claims.put("email_verified", true);
    claims.put("nonce", "the-nonce-of-an-earlier-sign-in");
    String replayed =
        provider
            .issueToken(
                ISSUER_ID,
                CLIENT,
                new DefaultOAuth2TokenCallback(
                    ISSUER_ID,
                    "replayed",
                    JOSEObjectType.JWT.getType(),
                    List.of(CLIENT),
                    claims,
                    600))
            .serialize();
    Browser browser = app.browser();
    String callback = throughProvider(browser, "/");
    forgedAnswer.set(tokenAnswer(replayed));
    var refused = browser.get(callback);
    assertEquals(null, forgedAnswer.get(), "the replayed answer was the one read");
    assertEquals(403, refused.statusCode(), refused.body());
    assertEquals(303, browser.get("/account").statusCode(), "not signed in");
  }

  @Test
  void a_token_answer_without_an_id_token_or_with_an_unusable_address_is_refused()
      throws Exception {
    // A plain OAuth 2 answer: nobody is named.
    Browser browser = app.browser();
    String callback = throughProvider(browser, "/");
    forgedAnswer.set("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    var refused = browser.get(callback);
    assertEquals(null, forgedAnswer.get(), "that answer was the one read");
    assertEquals(403, refused.statusCode(), refused.body());

    // An address of kilobytes, which no account can have.
    var tooLong = signIn(app.browser(), "x".repeat(3000) + "@corp.example");
    assertEquals(403, tooLong.statusCode(), tooLong.body());
    assertTrue(tooLong.body().contains("cannot use"), tooLong.body());
  }

  /** A token endpoint's answer carrying this ID token. */
  private static String tokenAnswer(String idToken) {
    return "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":600,"
        + "\"id_token\":\""
        + idToken
        + "\"}";
  }

  @Test
  void an_expired_id_token_is_refused() throws Exception {
    Account known = app.account(workspace, Role.ASSISTANT);
    // Expired ten minutes ago: beyond any clock skew allowed.
    Browser browser = app.browser();
    var refused = signIn(browser, "/", known.email(), true, -600);
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("could not be accepted"), refused.body());
  }

  @Test
  void an_id_token_signed_with_another_key_is_refused() throws Exception {
    Account known = app.account(workspace, Role.ASSISTANT);
    Browser browser = app.browser();
    String callback = throughProvider(browser, "/");
    String nonce = browser.cookie(SsoRoutes.ATTEMPT_COOKIE).split("\\.")[1];
    // Everything right but the signature: the provider's key id, a key that is not the provider's.
    String keyId = provider.issueToken(ISSUER_ID, "x", "y").getHeader().getKeyID();
    RSAKey forger = new RSAKeyGenerator(2048).keyID(keyId).generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
            new JWTClaimsSet.Builder()
                .issuer(provider.issuerUrl(ISSUER_ID).toString())
                .audience(CLIENT)
                .subject("forged")
                .claim("email", known.email())
                .claim("email_verified", true)
                .claim("nonce", nonce)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build());
    forged.sign(new RSASSASigner(forger));
    forgedAnswer.set(tokenAnswer(forged.serialize()));
    var refused = browser.get(callback);
    assertEquals(null, forgedAnswer.get(), "the forged answer was the one read");
    assertEquals(403, refused.statusCode(), refused.body());
    assertEquals(303, browser.get("/account").statusCode(), "not signed in");
  }

  @Test
  void an_unconfirmed_account_taken_over_by_its_address_loses_the_password_set_for_it()
      throws Exception {
    // Made from an invitation link by whoever held it, with a password of their choosing.
    Account owner = app.account(workspace, Role.OWNER);
    String token =
        app.app()
            .services()
            .memberships()
            .invite(workspace, "claimed@partner.example", Role.ASSISTANT, owner.id());
    Account claimed =
        app.app().services().memberships().accept(token, null, "Someone", TestApp.PASSWORD);
    // The holder also made an API token before the address's owner signed in.
    String bearer = app.app().services().tokens().create(claimed.id(), "kept");
    assertEquals(200, app.getWithBearer("/api/v1/me", bearer).statusCode());
    assertEquals(303, signIn(app.browser(), "claimed@partner.example").statusCode());
    assertEquals(
        401,
        app.browser().login("claimed@partner.example", TestApp.PASSWORD).statusCode(),
        "the password chosen by the link's holder no longer opens the account");
    assertEquals(
        401, app.getWithBearer("/api/v1/me", bearer).statusCode(), "nor does the holder's token");
  }

  private static String query(String pathAndQuery, String name) {
    for (String pair : URI.create(pathAndQuery).getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " not in " + pathAndQuery);
  }

  @Test
  void with_passwords_switched_off_only_the_provider_signs_in() throws Exception {
    try (TestApp strict =
        TestApp.startWith(
            Map.of(
                "VADEMECUM_OIDC_ISSUER",
                provider.issuerUrl(ISSUER_ID).toString(),
                "VADEMECUM_OIDC_CLIENT_ID",
                CLIENT,
                "VADEMECUM_OIDC_CLIENT_SECRET",
                "client-secret",
                "VADEMECUM_PASSWORD_SIGN_IN",
                "false"))) {
      Account known = strict.account(strict.workspace("strict"), Role.ASSISTANT);
      Browser browser = strict.browser();
      String page = browser.get("/login").body();
      assertFalse(page.contains("type=\"password\""), "no password form");
      assertTrue(page.contains("/login/sso"));
      var refused = browser.login(known.email(), TestApp.PASSWORD);
      assertEquals(403, refused.statusCode());
      assertTrue(refused.body().contains("switched off"), refused.body());
    }
  }
}
