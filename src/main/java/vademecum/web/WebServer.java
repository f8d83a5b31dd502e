package vademecum.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Refusal;
import vademecum.markdown.VideoEmbeds;

/** Javalin with every route declared up front, security headers, and an error page for all. */
public final class WebServer {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  /** One group of routes per feature. */
  public interface Routes {
    void register(Router router);
  }

  static final String NOT_FOUND = "There is no page at this address.";
  static final String SERVER_ERROR = "Something went wrong on our side. Nothing was changed.";
  static final String FORM_UNREADABLE = "The form could not be read. Nothing was changed.";
  static final String DATABASE_DOWN =
      "The database is not answering at the moment. Nothing was changed; try again in a moment.";

  static final String COLLIDED =
      "Another change was being saved at the same moment, and this one was stopped: send it again.";

  /**
   * PostgreSQL stopped this transaction to let another through: a deadlock (40P01) or a
   * serialisation failure (40001). That transaction wrote nothing and sending it again works, so
   * 503; logged with its stack trace all the same, since two of our transactions took locks in
   * opposite orders.
   */
  static boolean collided(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * PostgreSQL unreachable: no pooled connection came in time, or the connection broke (SQL states
   * of class 08, or 57P01–57P03 while it shuts down or starts), or it lacks a resource for now
   * (class 53: disk full, out of memory, too many connections, which nodes sharing an external
   * database can meet). Not the request's fault, and over once PostgreSQL is back, so 503 and not
   * 500.
   */
  static boolean databaseDown(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P0") || state.startsWith("53")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Frames only for the video players Markdown embeds ({@link VideoEmbeds}). */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
          + "frame-src "
          + String.join(" ", VideoEmbeds.PLAYER_HOSTS)
          + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /**
   * The candidate's page: images from this server only, and no frames (see ShareRoutes; videos are
   * links there).
   */
  public static final String CANDIDATE_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'none'; "
          + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final Javalin app;
  private List<Router.Route> routes = List.of();

  /**
   * @param sizeLimit said to the user when a form is too large to even read, e.g. "2 MB"
   * @param uploadLimit said when a file upload is, e.g. "6 MB"
   */
  public WebServer(
      Templates templates,
      Access access,
      MeterRegistry meters,
      String baseUrl,
      long maxRequestBytes,
      long maxUploadBytes,
      String sizeLimit,
      String uploadLimit,
      List<Routes> features) {
    this.app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              // A log line and a timing per request, once it is answered.
              config.requestLogger.http(new RequestLog(meters));
              long largest = Math.max(maxRequestBytes, maxUploadBytes);
              config.http.maxRequestSize = largest;
              // File uploads are read by Jetty's multipart parser, which has limits of its own.
              config.jetty.multipartConfig.maxTotalRequestSize(largest, SizeUnit.BYTES);
              config.jetty.multipartConfig.maxFileSize(largest, SizeUnit.BYTES);
              // On SIGTERM the server stops accepting connections and lets the requests in
              // progress finish (a save whose body is still arriving included), for up to
              // STOP_TIMEOUT, before anything below it is closed.
              config.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(STOP_TIMEOUT.toMillis());
                    // Requests refused before routing (an undecodable address, oversized
                    // headers) get our page or JSON error instead of Jetty's.
                    server.setErrorHandler(new ProtocolErrors());
                    // Outermost, so that a request counts from the moment Jetty dispatches it
                    // (a form's body may still be arriving then).
                    server.setHandler(new GracefulHandler(server.getHandler()));
                  });
              config.staticFiles.enableWebjars();
              // An Error (an assertion of Lucene or flexmark, a stack overflow) is not an
              // Exception: Javalin would answer it with a bare 500 of its own. Wrapped, it reaches
              // our error page and log line like any other failure.
              config.router.handlerWrapper(
                  endpoint ->
                      ctx -> {
                        try {
                          endpoint.handler.handle(ctx);
                        } catch (Error e) {
                          throw new UnexpectedError(e);
                        }
                      });
              // What still escapes (an Error while showing the error page) is logged, and the
              // person gets a plain page rather than nothing.
              config.router.javaLangErrorHandler(WebServer::lastResort);
              config.routes.before(WebServer::securityHeaders);
              // An oversized body is refused before anything (the CSRF check included) reads it,
              // after draining it so that the browser sees the answer.
              config.routes.before(
                  ctx -> {
                    // Only a screenshot or file upload may send more than a form.
                    long limit = isFileUpload(ctx) ? maxUploadBytes : maxRequestBytes;
                    if (ctx.contentLength() > limit) {
                      drain(ctx, DRAIN_LIMIT);
                      // The refusal page keeps the person's frame (and form token).
                      access.resumeSession(ctx);
                      throw new ContentTooLargeResponse();
                    }
                  });
              // Javalin reads the charset of Content-Type for any parameter, a query's too, and a
              // "charset" with no "=" (text/plain; charset) failed there: a 500 on every route.
              config.routes.before(
                  ctx -> {
                    if (!wellFormedCharset(ctx.header("Content-Type"))) {
                      throw Refusal.badRequest(FORM_UNREADABLE);
                    }
                  });
              // PostgreSQL text cannot hold NUL: a query parameter carrying one (?procedure=x%00y)
              // reached a query and failed there with a 500. Forms and JSON bodies check theirs.
              config.routes.before(
                  ctx -> {
                    for (List<String> values : ctx.queryParamMap().values()) {
                      for (String value : values) {
                        if (value.indexOf('\0') >= 0) {
                          throw Refusal.badRequest(
                              "The address contains a NUL character, which text cannot hold.");
                        }
                      }
                    }
                  });
              Router router = new Router(config.routes, access, baseUrl);
              features.forEach(feature -> feature.register(router));
              this.routes = router.routes();
              errorPages(config.routes, templates, access, sizeLimit, uploadLimit);
            });
  }

  /** No parameter of the type starts with "charset" without a value after "=". */
  static boolean wellFormedCharset(String contentType) {
    if (contentType == null) {
      return true;
    }
    for (String parameter : contentType.split(";")) {
      String part = parameter.strip();
      if (part.regionMatches(true, 0, "charset", 0, 7) && part.indexOf('=') < 0) {
        return false;
      }
    }
    return true;
  }

  /** How long a stopping server waits for the requests in progress. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /** Bodies up to this size are read to the end before a refusal, so the browser sees it. */
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  /**
   * A browser that is still sending when the server answers and closes shows "connection reset"
   * instead of the answer; reading the rest of a moderately oversized body lets it see the 413.
   */
  private static void drain(Context ctx, long limit) {
    try (var in = ctx.req().getInputStream()) {
      byte[] buffer = new byte[64 * 1024];
      long read = 0;
      for (int n = in.read(buffer); n >= 0 && read < limit; n = in.read(buffer)) {
        read += n;
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  public WebServer start(int port) {
    app.start(port);
    return this;
  }

  /** Every route with what it needs, for the authorization matrix test. */
  public List<Router.Route> routes() {
    return routes;
  }

  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
  }

  private static void errorPages(
      RoutesConfig routes,
      Templates templates,
      Access access,
      String sizeLimit,
      String uploadLimit) {
    routes.exception(
        Refusal.class,
        (e, ctx) ->
            showError(
                ctx,
                templates,
                access,
                status(e),
                e.getMessage(),
                e instanceof Refusal.Invalid invalid ? invalid.fields() : Map.of()));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          String message = e.getMessage();
          if (e.getStatus() == 404) {
            message = NOT_FOUND; // Javalin's own text names the endpoint, in English
          } else if (e.getStatus() == 413) {
            Chrome chrome = chrome(ctx, access);
            Texts texts = Texts.of(chrome == null ? "en" : chrome.lang());
            message =
                isFileUpload(ctx)
                    ? texts.t(
                        "error.uploadTooLarge", Translations.size(texts.language(), uploadLimit))
                    : texts.t("error.tooLarge", Translations.size(texts.language(), sizeLimit));
          }
          showError(ctx, templates, access, e.getStatus(), message);
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          // A body Jetty cannot parse (a broken or oversized multipart form) is the client's.
          if (databaseDown(e)) {
            ctx.header("Retry-After", "5");
            showError(ctx, templates, access, 503, DATABASE_DOWN);
            return;
          }
          if (collided(e)) {
            log.warn("Transaction stopped by PostgreSQL on {} {}", ctx.method(), route(ctx), e);
            ctx.header("Retry-After", "1");
            showError(ctx, templates, access, 503, COLLIDED);
            return;
          }
          for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsupportedCharsetException
                || cause instanceof IllegalCharsetNameException) {
              showError(ctx, templates, access, 400, FORM_UNREADABLE);
              return;
            }
            if (cause instanceof BadMessageException bad) {
              showError(ctx, templates, access, bad.getCode() == 413 ? 413 : 400, FORM_UNREADABLE);
              return;
            }
          }
          Throwable failure = e instanceof UnexpectedError wrapped ? wrapped.getCause() : e;
          // The route's template, never the path: paths carry share, reset and invitation
          // tokens (as in the request log).
          log.error("Unhandled error on {} {}", ctx.method(), route(ctx), failure);
          showError(ctx, templates, access, 500, SERVER_ERROR);
        });
    routes.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            showError(ctx, templates, access, 404, NOT_FOUND);
          }
        });
  }

  /** An {@link Error} thrown by a handler, carried to the handler of exceptions. */
  static final class UnexpectedError extends RuntimeException {
    UnexpectedError(Error cause) {
      super(cause.toString(), cause);
    }
  }

  /** The route template that matched ("/w/{workspace}/m/{manual}"), for the log. */
  private static String route(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) {
      return "no route";
    }
  }

  private static void lastResort(HttpServletResponse response, Error error) {
    log.error("Error that escaped the error pages", error);
    try {
      if (!response.isCommitted()) {
        response.reset();
        response.setStatus(500);
        response.setContentType("text/plain; charset=utf-8");
        // reset() took the security headers with the rest.
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Cache-Control", "no-store");
        response
            .getWriter()
            .write("Une erreur est survenue de notre côté. / Something went wrong on our side.\n");
      }
    } catch (IOException | RuntimeException ignored) {
      // the connection is gone; the log line above is what remains
    }
  }

  /** The frame of an error page; an error while building it must not hide the first one. */
  private static Chrome chrome(Context ctx, Access access) {
    try {
      return access == null ? null : access.chrome(ctx);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static void showError(Context ctx, Templates templates, int status, String message) {
    showError(ctx, templates, null, status, message);
  }

  /**
   * The status of each kind of refusal: the one place a domain error becomes HTTP. Routes that show
   * a refusal on their own form (keeping what was typed) ask here for its status.
   */
  public static int status(Refusal refusal) {
    return switch (refusal) {
      case Refusal.Invalid invalid -> 400;
      case Refusal.Unauthorized unauthorized -> 401;
      case Refusal.Forbidden forbidden -> 403;
      case Refusal.NotFound notFound -> 404;
      case Refusal.Conflict conflict -> 409;
      case Refusal.Gone gone -> 410;
      case Refusal.TooLarge tooLarge -> 413;
      case Refusal.Unsupported unsupported -> 415;
      case Refusal.TooMany tooMany -> 429;
      case Refusal.Unavailable unavailable -> 503;
    };
  }

  public static void showError(
      Context ctx, Templates templates, Access access, int status, String message) {
    showError(ctx, templates, access, status, message, Map.of());
  }

  /**
   * Our error page, or for a JSON client {@link ApiError}.
   *
   * @param fields the fields at fault and what is wrong with each (JSON clients get them)
   */
  private static void showError(
      Context ctx,
      Templates templates,
      Access access,
      int status,
      String message,
      Map<String, String> fields) {
    Chrome chrome = ctx.path().startsWith("/api/") ? null : chrome(ctx, access);
    Texts texts = Texts.of(chrome == null ? "en" : chrome.lang());
    String key = "error." + status;
    String title =
        texts.has(key) ? texts.t(key) : texts.t(status >= 500 ? "error.500" : "error.other");
    String text = message == null || message.isBlank() ? title : message;
    if (!ctx.path().startsWith("/api/")) {
      // Pages and their scripts speak the reader's language; the API keeps one for integrators.
      text = Translations.translate(texts.language(), text);
    }
    if (acceptsJson(ctx)) {
      ctx.status(status)
          .json(new ApiError(ApiError.Code.of(status), text, fields.isEmpty() ? null : fields));
      return;
    }
    boolean signIn = status == 401;
    templates.render(
        ctx,
        status,
        "error.jte",
        new ErrorPage(
            chrome,
            status,
            title,
            text,
            signIn ? "/login" : "/",
            texts.t(signIn ? "error.signIn" : "error.backHome"),
            kept(ctx, status, texts)));
  }

  /** The fields that carry what a person wrote: a manual's text, a question or an answer. */
  private static final List<String> WRITTEN = List.of("markdown", "body", "note");

  /**
   * What the person was sending when a form they wrote in was refused and the page that sent it is
   * left behind: a session that ended (401), a form token that expired (403), a manual deleted
   * meanwhile (404), any refusal a route does not answer with its own form. Hours of writing must
   * not go with that page. Questions and answers are multipart forms (they may carry a screenshot):
   * their text is kept too. A body too large (413) was never read.
   */
  private static ErrorPage.Kept kept(Context ctx, int status, Texts texts) {
    if (status == 413 || ctx.method() != HandlerType.POST) {
      return null;
    }
    try {
      String type = ctx.contentType() == null ? "" : ctx.contentType();
      if (!type.startsWith("application/x-www-form-urlencoded")
          && !type.startsWith("multipart/form-data")) {
        return null;
      }
      for (String field : WRITTEN) {
        String text = ctx.formParam(field);
        if (text != null && !text.isBlank()) {
          return new ErrorPage.Kept(
              texts.t("error.keptTitle"),
              texts.t(status == 401 || status == 403 ? "error.keptExplain" : "error.keptElsewhere"),
              text);
        }
      }
    } catch (Exception e) {
      // A body that cannot be read: the page without it. Jetty throws a malformed multipart
      // body's checked exception again on each read, and one escaping here was a bare 500.
    }
    return null;
  }

  /** A screenshot or file, or an archive to import: these carry files, the others text. */
  private static boolean isFileUpload(Context ctx) {
    return ctx.method() == HandlerType.POST
        && (ctx.path().endsWith("/files")
            || ctx.path().endsWith("/import")
            // A question or a message on it may carry a screenshot.
            || ctx.path().endsWith("/questions")
            || ctx.path().endsWith("/messages"));
  }

  private static boolean acceptsJson(Context ctx) {
    String accept = ctx.header("Accept");
    return ctx.path().startsWith("/api/")
        || (accept != null && accept.contains("application/json") && !accept.contains("text/html"));
  }
}
