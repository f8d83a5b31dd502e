package vademecum.web;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one timing per request, after its answer (error pages included). Both name the
 * route's template ({@code /w/{workspace}/m/{manual}}), never the path: paths carry share-link and
 * password-reset tokens, and the query string carries what people searched for. Templates also keep
 * the number of time series bounded, whatever addresses are tried.
 */
final class RequestLog implements RequestLogger {
  /** Its own logger, so that operators can silence or route request lines apart. */
  private static final Logger log = LoggerFactory.getLogger("vademecum.request");

  private final MeterRegistry registry;

  RequestLog(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(Context ctx, Float milliseconds) {
    String route = route(ctx);
    int status = ctx.statusCode();
    String method = ctx.method().name();
    Timer.builder("http.server.requests")
        .description("HTTP requests by route template and status")
        .tags(
            Tags.of(
                "method",
                method,
                "uri",
                route,
                "status",
                String.valueOf(status),
                "outcome",
                outcome(status)))
        .publishPercentileHistogram()
        .register(registry)
        .record(Math.round(milliseconds * 1000.0), TimeUnit.MICROSECONDS);
    log.atInfo()
        .addKeyValue("method", method)
        .addKeyValue("route", route)
        .addKeyValue("status", status)
        .addKeyValue("ms", Math.round(milliseconds * 10) / 10.0)
        .log(
            "{} {} {} {} ms",
            method,
            route,
            status,
            String.format(Locale.ROOT, "%.1f", milliseconds));
  }

  /** The matched route's template; files of the web jars, or nothing matched, by a fixed name. */
  static String route(Context ctx) {
    try {
      return ctx.endpoints().matchedHttpEndpoint().path;
    } catch (RuntimeException e) {
      return ctx.path().startsWith("/webjars/") ? "/webjars/*" : "unmatched";
    }
  }

  private static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    }
    if (status < 300) {
      return "SUCCESS";
    }
    if (status < 400) {
      return "REDIRECTION";
    }
    return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
  }
}
