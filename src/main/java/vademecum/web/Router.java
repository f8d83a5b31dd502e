package vademecum.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;

/**
 * Every route is declared with what it needs, and the router checks it before the handler runs:
 * sign-in (session or API token), membership of the URL's workspace, role, and for every
 * state-changing request the Origin and the CSRF token. A route cannot be added without saying who
 * may use it, and the authorization matrix test reads {@link #routes()}.
 */
public final class Router {

  public enum Need {
    /** Anyone; state-changing requests still need the anonymous form token. */
    PUBLIC,
    /** A signed-in person. */
    SIGNED_IN,
    /** A member of {workspace}, any role. */
    MEMBER,
    /** An owner or editor of {workspace}. */
    EDITOR,
    /** An owner of {workspace}. */
    OWNER,
    /** An owner, editor or recruiter of {workspace}: those who share manuals with candidates. */
    SHARER,
    /** An instance administrator. */
    ADMIN,
    /** A bearer API token (JSON answers). */
    API,
    /** A bearer API token of a member of {workspace}, any role. */
    API_MEMBER,
    /** A bearer API token of an owner or editor of {workspace}. */
    API_EDITOR,
    /**
     * A member of {workspace}, by session or by bearer token: reading only (files, which pages and
     * API clients both fetch).
     */
    MEMBER_OR_API
  }

  /** A registered route; {@code doc} describes an API route in the OpenAPI document. */
  public record Route(String method, String path, Need need, ApiDoc doc) {}

  private final RoutesConfig routes;
  private final Access access;
  private final String baseOrigin;
  private final List<Route> registered = new ArrayList<>();

  public Router(RoutesConfig routes, Access access, String baseUrl) {
    this.routes = routes;
    this.access = access;
    this.baseOrigin = origin(baseUrl);
  }

  public void get(String path, Need need, Handler handler) {
    get(path, need, null, handler);
  }

  public void post(String path, Need need, Handler handler) {
    post(path, need, null, handler);
  }

  /** An API route, with what the OpenAPI document says of it. */
  public void get(String path, Need need, ApiDoc doc, Handler handler) {
    register(new Route("GET", path, need, doc));
    routes.get(path, ctx -> guarded(ctx, need, false, handler));
  }

  public void post(String path, Need need, ApiDoc doc, Handler handler) {
    register(new Route("POST", path, need, doc));
    routes.post(path, ctx -> guarded(ctx, need, true, handler));
  }

  private void register(Route route) {
    if (route.path().startsWith("/api/") && route.doc() == null) {
      throw new IllegalStateException(route.method() + " " + route.path() + " has no ApiDoc");
    }
    registered.add(route);
  }

  /**
   * Parsers recurse: a form or a Markdown text nested thousands of levels deep can exhaust the
   * stack. That is the input's fault, answered with a 400, and the thread unwinds unharmed.
   */
  private void guarded(Context ctx, Need need, boolean changes, Handler handler) throws Exception {
    try {
      guard(ctx, need, changes, handler);
    } catch (StackOverflowError e) {
      throw Refusal.badRequest(
          "This text is nested too deeply to be read (quotes, lists or brackets inside one"
              + " another thousands of times).");
    }
  }

  public <T extends Exception> void exception(Class<T> type, ExceptionHandler<? super T> handler) {
    routes.exception(type, handler);
  }

  public List<Route> routes() {
    return List.copyOf(registered);
  }

  private void guard(Context ctx, Need need, boolean changes, Handler handler) throws Exception {
    if (need == Need.MEMBER_OR_API) {
      if (changes) {
        throw new IllegalStateException("MEMBER_OR_API is for reading only");
      }
      String authorization = ctx.header("Authorization");
      need =
          authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
              ? Need.API_MEMBER
              : Need.MEMBER;
    }
    switch (need) {
      case PUBLIC -> {
        // A signed-in visitor keeps their name and workspaces in the frame of public pages.
        access.resumeSession(ctx);
        if (changes) {
          checkOrigin(ctx, true);
          // The anonymous double-submit token, or the session's own when someone is signed in
          // (the language switch sits in every page's frame).
          String submitted = submittedToken(ctx);
          boolean sessionToken =
              access.session(ctx) != null
                  && Secrets.same(access.session(ctx).csrfToken(), submitted);
          if (!sessionToken && !Secrets.same(ctx.cookie(Access.PRE_SESSION_COOKIE), submitted)) {
            throw Refusal.forbidden(
                "This form has expired. Go back, reload the page and try again.");
          }
        }
      }
      case API, API_MEMBER, API_EDITOR -> {
        // No cookie is involved, so no CSRF token either: the bearer token is not ambient.
        if (!access.resumeToken(ctx)) {
          ctx.header("WWW-Authenticate", "Bearer");
          throw Refusal.unauthorized("A valid API token is required.");
        }
        if (need != Need.API) {
          authorize(ctx, need == Need.API_EDITOR ? Need.EDITOR : Need.MEMBER);
        }
      }
      default -> {
        if (!access.resumeSession(ctx)) {
          if (changes) {
            throw Refusal.unauthorized("Your session has ended. Sign in again.");
          }
          ctx.redirect(
              "/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
              HttpStatus.SEE_OTHER);
          return;
        }
        if (changes) {
          checkOrigin(ctx, false);
          if (!Secrets.same(access.session(ctx).csrfToken(), submittedToken(ctx))) {
            throw Refusal.forbidden(
                "This form has expired. Go back, reload the page and try again.");
          }
        }
        authorize(ctx, need);
      }
    }
    handler.handle(ctx);
  }

  private void authorize(Context ctx, Need need) {
    switch (need) {
      case ADMIN -> {
        if (!access.account(ctx).admin()) {
          throw Refusal.notFound("There is no page at this address.");
        }
      }
      case MEMBER, EDITOR, OWNER, SHARER -> {
        Role role = access.joinWorkspace(ctx, ctx.pathParam("workspace"));
        if (need == Need.EDITOR && !role.canEdit()) {
          throw Refusal.forbidden("Only the workspace's owners and editors can do this.");
        }
        if (need == Need.OWNER && role != Role.OWNER) {
          throw Refusal.forbidden("Only the workspace's owners can do this.");
        }
        if (need == Need.SHARER && !role.canShare()) {
          throw Refusal.forbidden("Only owners, editors and recruiters share manuals.");
        }
      }
      default -> {}
    }
  }

  private static String submittedToken(Context ctx) {
    String header = ctx.header("X-CSRF-Token");
    return header != null ? header : ctx.formParam("_csrf");
  }

  /**
   * Browsers send Origin (or at least Referer) with every form post; a value from another site is
   * refused even when the token matches. Neither header: non-browser client, the token decides.
   * {@code Origin: null} is what a page under {@code Referrer-Policy: no-referrer} (the candidate's
   * page) sends: on anonymous forms it is treated as absent and the token decides; signed-in forms
   * never come from such a page, so there it is refused like another site.
   */
  private void checkOrigin(Context ctx, boolean anonymousForm) {
    String source = ctx.header("Origin");
    if ("null".equals(source) && anonymousForm) {
      source = null;
    }
    if (source == null) {
      String referer = ctx.header("Referer");
      source = referer == null ? null : origin(referer);
    }
    if (source == null) {
      return;
    }
    String own = ctx.scheme() + "://" + ctx.host();
    if (!source.equalsIgnoreCase(baseOrigin) && !source.equalsIgnoreCase(own)) {
      throw Refusal.forbidden("This request came from another site and was refused.");
    }
  }

  private static String origin(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "null";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "null";
    }
  }
}
