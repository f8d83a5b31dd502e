package vademecum.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.BearerTokens;
import vademecum.kernel.Membership;
import vademecum.kernel.Memberships;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Session;
import vademecum.kernel.Sessions;
import vademecum.kernel.Workspace;

/**
 * Who is asking (session cookie or bearer token) and what they may do in the workspace of the URL.
 * {@link Router} calls it before every handler and leaves the answers on the request.
 */
public final class Access {
  public static final String SESSION_COOKIE = "vd_session";

  /** Anonymous forms (sign-in, invitations) use a double-submit token in this cookie. */
  public static final String PRE_SESSION_COOKIE = "vd_pre";

  private static final String ACCOUNT = "vd.account";
  private static final String SESSION = "vd.session";
  private static final String WORKSPACE = "vd.workspace";
  private static final String ROLE = "vd.role";
  private static final String MEMBERSHIPS = "vd.memberships";

  private final Sessions sessions;
  private final Memberships memberships;
  private final BearerTokens tokens;
  private final boolean secureCookies;

  public Access(
      Sessions sessions, Memberships memberships, BearerTokens tokens, boolean secureCookies) {
    this(sessions, memberships, tokens, secureCookies, ClientAddress.direct());
  }

  public Access(
      Sessions sessions,
      Memberships memberships,
      BearerTokens tokens,
      boolean secureCookies,
      ClientAddress clients) {
    this.sessions = sessions;
    this.memberships = memberships;
    this.tokens = tokens;
    this.secureCookies = secureCookies;
    this.clients = clients;
  }

  private final ClientAddress clients;

  /** The address of the person asking (behind a trusted proxy, the one it forwards for). */
  public String client(Context ctx) {
    return clients.of(ctx);
  }

  /** Resolves the session cookie; true when a live session of an enabled account exists. */
  boolean resumeSession(Context ctx) {
    var signedIn = sessions.resume(ctx.cookie(SESSION_COOKIE)).filter(s -> !s.account().disabled());
    if (signedIn.isEmpty()) {
      return false;
    }
    ctx.attribute(SESSION, signedIn.get().session());
    ctx.attribute(ACCOUNT, signedIn.get().account());
    ctx.attribute(MEMBERSHIPS, signedIn.get().memberships());
    return true;
  }

  /** Resolves {@code Authorization: Bearer …}; true for a live token of an enabled account. */
  boolean resumeToken(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    var holder = tokens.authenticate(header.substring(7).strip());
    holder.ifPresent(
        h -> {
          ctx.attribute(ACCOUNT, h.account());
          ctx.attribute(MEMBERSHIPS, h.memberships());
        });
    return holder.isPresent();
  }

  /**
   * The reader's role in the workspace of the URL. Not a member: 404, exactly as if the workspace
   * did not exist, so outsiders learn nothing.
   */
  Role joinWorkspace(Context ctx, String slug) {
    Membership membership =
        memberships(ctx).stream()
            .filter(m -> m.slug().equals(slug))
            .findFirst()
            .orElseThrow(() -> Refusal.notFound("There is no page at this address."));
    ctx.attribute(
        WORKSPACE, new Workspace(membership.workspaceId(), membership.slug(), membership.name()));
    ctx.attribute(ROLE, membership.role());
    return membership.role();
  }

  /**
   * The reader's workspaces with their roles, read once per request: the same list answers "may
   * they be here" and fills the page's workspace switcher.
   */
  public List<Membership> memberships(Context ctx) {
    List<Membership> mine = ctx.attribute(MEMBERSHIPS);
    if (mine == null) {
      mine = memberships.workspacesOf(account(ctx).id());
      ctx.attribute(MEMBERSHIPS, mine);
    }
    return mine;
  }

  public boolean signedIn(Context ctx) {
    return ctx.attribute(ACCOUNT) != null;
  }

  public Account account(Context ctx) {
    Account account = ctx.attribute(ACCOUNT);
    if (account == null) {
      throw new IllegalStateException("route declared without sign-in needs an account");
    }
    return account;
  }

  public Actor actor(Context ctx) {
    Account account = account(ctx);
    return new Actor(account.id(), account.displayName());
  }

  public Workspace workspace(Context ctx) {
    return ctx.attribute(WORKSPACE);
  }

  public Role role(Context ctx) {
    return ctx.attribute(ROLE);
  }

  public Session session(Context ctx) {
    return ctx.attribute(SESSION);
  }

  /** Cookie of the language chosen with the switch when no account says it. */
  public static final String LANGUAGE_COOKIE = "vd_lang";

  /**
   * The interface language: the signed-in account's preference, else the switch's cookie, else the
   * browser's Accept-Language, else English.
   */
  public String language(Context ctx) {
    Account account = ctx.attribute(ACCOUNT);
    if (account != null && Texts.LANGUAGES.contains(account.language())) {
      return account.language();
    }
    String chosen = ctx.cookie(LANGUAGE_COOKIE);
    if (chosen != null && Texts.LANGUAGES.contains(chosen)) {
      return chosen;
    }
    String accepted = ctx.header("Accept-Language");
    if (accepted != null && !accepted.isBlank() && accepted.length() < 500) {
      try {
        String best = Locale.lookupTag(Locale.LanguageRange.parse(accepted), Texts.LANGUAGES);
        if (best != null) {
          return best;
        }
      } catch (IllegalArgumentException e) {
        // a malformed header chooses nothing
      }
    }
    return "en";
  }

  /** This page's address, for links back to it; a form's target is not a page to return to. */
  private static String here(Context ctx) {
    if (!ctx.method().name().equals("GET")) {
      return "/";
    }
    String query = ctx.queryString();
    return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  /** Remembers the switch's choice for this browser (a year; not a secret). */
  public void rememberLanguage(Context ctx, String language) {
    Cookie cookie = cookie(LANGUAGE_COOKIE, language, 365 * 24 * 3600);
    ctx.cookie(cookie);
  }

  public Chrome chrome(Context ctx) {
    Account account = ctx.attribute(ACCOUNT);
    if (account == null) {
      return Chrome.anonymous(preSessionToken(ctx), language(ctx), here(ctx));
    }
    Session session = session(ctx);
    Workspace current = workspace(ctx);
    return new Chrome(
        account.displayName(),
        account.admin(),
        memberships(ctx),
        current == null ? null : current.slug(),
        session == null ? "" : session.csrfToken(),
        language(ctx),
        here(ctx));
  }

  /** Signing in always issues a new session id and ends the one the browser had. */
  public void startSession(Context ctx, long accountId) {
    sessions.end(ctx.cookie(SESSION_COOKIE));
    Sessions.Started started = sessions.start(accountId);
    ctx.cookie(cookie(SESSION_COOKIE, started.id(), (int) sessions.absolute().toSeconds()));
    ctx.removeCookie(PRE_SESSION_COOKIE, "/");
  }

  /**
   * A password sign-in's session, started only if that password is still the account's (see {@link
   * Sessions#startIfPasswordStill}); false, and no session, when it changed meanwhile.
   */
  public boolean startSessionIfPasswordStill(Context ctx, long accountId, String passwordHash) {
    Optional<Sessions.Started> started = sessions.startIfPasswordStill(accountId, passwordHash);
    if (started.isEmpty()) {
      return false;
    }
    sessions.end(ctx.cookie(SESSION_COOKIE));
    ctx.cookie(cookie(SESSION_COOKIE, started.get().id(), (int) sessions.absolute().toSeconds()));
    ctx.removeCookie(PRE_SESSION_COOKIE, "/");
    return true;
  }

  public void endSession(Context ctx) {
    sessions.end(ctx.cookie(SESSION_COOKIE));
    ctx.cookie(cookie(SESSION_COOKIE, "", 0));
  }

  /** The anonymous form token, set in a cookie on first use. */
  public String preSessionToken(Context ctx) {
    String existing = ctx.attribute(PRE_SESSION_COOKIE);
    if (existing == null) {
      existing = ctx.cookie(PRE_SESSION_COOKIE);
    }
    if (existing == null || existing.length() < 40 || existing.length() > 60) {
      existing = Secrets.newToken();
      ctx.cookie(cookie(PRE_SESSION_COOKIE, existing, -1));
    }
    ctx.attribute(PRE_SESSION_COOKIE, existing);
    return existing;
  }

  private Cookie cookie(String name, String value, int maxAge) {
    Cookie cookie = new Cookie(name, value, "/", maxAge, secureCookies, true, null, SameSite.LAX);
    return cookie;
  }
}
