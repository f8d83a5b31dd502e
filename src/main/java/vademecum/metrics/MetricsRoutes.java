package vademecum.metrics;

import io.javalin.http.Context;
import java.util.Optional;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;
import vademecum.web.ClientAddress;
import vademecum.web.Router;
import vademecum.web.WebServer;

/**
 * {@code GET /metrics} for Prometheus. The figures say how busy the instance is and how large its
 * workspaces are, so they are served only to this machine (a scraper beside it, a sidecar) or to
 * whoever sends the metrics token ({@code VADEMECUM_METRICS_TOKEN}) as a bearer token.
 */
public final class MetricsRoutes implements WebServer.Routes {
  /** Prometheus's text exposition format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;
  private final Optional<String> token;

  public MetricsRoutes(Metrics metrics, Optional<String> token) {
    this.metrics = metrics;
    this.token = token;
  }

  @Override
  public void register(Router router) {
    router.get("/metrics", Router.Need.PUBLIC, this::metrics);
  }

  private void metrics(Context ctx) {
    if (!withToken(ctx) && !ClientAddress.isLocal(ctx)) {
      if (token.isPresent()) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw Refusal.unauthorized("The metrics are served with the metrics token.");
      }
      throw Refusal.forbidden(
          "The metrics are served to this machine only, unless a metrics token is set.");
    }
    ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
  }

  private boolean withToken(Context ctx) {
    String authorization = ctx.header("Authorization");
    return token.isPresent()
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && Secrets.same(token.get(), authorization.substring(7).strip());
  }
}
