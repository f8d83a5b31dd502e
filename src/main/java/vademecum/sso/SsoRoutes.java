package vademecum.sso;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.account.AccountService;
import vademecum.config.SingleSignOn;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;
import vademecum.web.Access;
import vademecum.web.Redirects;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;
import vademecum.workspace.MembershipService;

/**
 * Signing in with the company's OpenID Connect provider: {@code /login/sso} sends the browser there
 * with a fresh state, nonce and PKCE verifier, kept in a cookie of this browser only; {@code
 * /login/sso/callback} takes the browser back, checks the state against that cookie (so nobody can
 * finish a sign-in they did not start in this browser), deletes it (a callback works once), and
 * signs in the person the validated ID token names.
 */
public final class SsoRoutes implements WebServer.Routes {
  private static final Logger log = LoggerFactory.getLogger(SsoRoutes.class);

  /** The attempt under way: state, nonce, verifier and where to go after. */
  static final String ATTEMPT_COOKIE = "vd_sso_attempt";

  /** Set once signed in through the provider: signing out then also ends the provider's session. */
  static final String SIGNED_IN_COOKIE = "vd_sso";

  /** The time a person has to sign in at the provider. */
  private static final int ATTEMPT_SECONDS = 600;

  static final String EXPIRED =
      "This sign-in attempt has expired or was already used. Start again from the sign-in page.";
  static final String CANCELLED = "The sign-in was cancelled at the provider. Nothing was changed.";

  private final OidcProvider provider;
  private final SignOn signOn;
  private final Access access;
  private final String baseUrl;
  private final SingleSignOn settings;
  private final boolean secureCookies;

  public SsoRoutes(
      SingleSignOn settings,
      AccountService accounts,
      MembershipService memberships,
      Access access,
      String baseUrl) {
    this.settings = settings;
    this.provider = new OidcProvider(settings, URI.create(baseUrl + "/login/sso/callback"));
    this.signOn = new SignOn(settings, accounts, memberships);
    this.access = access;
    this.baseUrl = baseUrl;
    this.secureCookies = baseUrl.startsWith("https://");
  }

  @Override
  public void register(Router router) {
    router.get("/login/sso", Need.PUBLIC, this::start);
    // A GET from the provider's redirect: the state bound to this browser is its CSRF check.
    router.get("/login/sso/callback", Need.PUBLIC, this::callback);
  }

  private void start(Context ctx) {
    OidcProvider.Attempt attempt = OidcProvider.Attempt.fresh();
    URI destination = provider.authorization(attempt);
    String next = Redirects.safeNext(ctx.queryParam("next"));
    ctx.cookie(
        cookie(
            ATTEMPT_COOKIE,
            String.join(
                ".",
                attempt.state().getValue(),
                attempt.nonce().getValue(),
                attempt.verifier().getValue(),
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(next.getBytes(StandardCharsets.UTF_8))),
            ATTEMPT_SECONDS));
    ctx.redirect(destination.toString(), HttpStatus.SEE_OTHER);
  }

  private void callback(Context ctx) {
    String kept = ctx.cookie(ATTEMPT_COOKIE);
    // Used or not, the attempt ends here.
    ctx.cookie(cookie(ATTEMPT_COOKIE, "", 0));
    String[] parts = kept == null ? new String[0] : kept.split("\\.");
    String state = ctx.queryParam("state");
    if (parts.length != 4 || state == null || !Secrets.same(parts[0], state)) {
      throw Refusal.badRequest(EXPIRED);
    }
    String error = ctx.queryParam("error");
    if (error != null) {
      log.info("Sign-in at the provider ended with {}", error.replaceAll("[^\\w.-]", "?"));
      throw Refusal.forbidden(CANCELLED);
    }
    String code = ctx.queryParam("code");
    if (code == null || code.isBlank()) {
      throw Refusal.badRequest(EXPIRED);
    }
    OidcProvider.Attempt attempt;
    try {
      attempt =
          new OidcProvider.Attempt(
              new State(parts[0]), new Nonce(parts[1]), new CodeVerifier(parts[2]));
    } catch (IllegalArgumentException e) {
      // A cookie we did not write (an empty state, a verifier too short): Nimbus refuses it.
      throw Refusal.badRequest(EXPIRED);
    }
    String next;
    try {
      next =
          Redirects.safeNext(
              new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      next = "/";
    }
    Account account = signOn.accountFor(provider.signIn(code, attempt), access.language(ctx));
    access.startSession(ctx, account.id());
    ctx.cookie(cookie(SIGNED_IN_COOKIE, "1", Integer.MAX_VALUE));
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  /**
   * Where the browser goes once our session has ended: the provider's end of session when the
   * person came through it and it publishes one (then back to our sign-in page), else our sign-in
   * page.
   */
  public String afterSignOut(Context ctx) {
    boolean viaProvider = ctx.cookie(SIGNED_IN_COOKIE) != null;
    ctx.cookie(cookie(SIGNED_IN_COOKIE, "", 0));
    Optional<URI> endSession = viaProvider ? provider.endSession() : Optional.empty();
    return endSession
        .map(
            uri ->
                uri
                    + (uri.getRawQuery() == null ? "?" : "&")
                    + "client_id="
                    + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
                    + "&post_logout_redirect_uri="
                    + URLEncoder.encode(baseUrl + "/login", StandardCharsets.UTF_8))
        .orElse("/login");
  }

  private Cookie cookie(String name, String value, int maxAge) {
    // Lax: sent on the provider's top-level redirect back, never on another site's request.
    return new Cookie(name, value, "/", maxAge, secureCookies, true, null, SameSite.LAX);
  }
}
