package vademecum.search;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vademecum.kernel.Membership;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** The search page, its as-you-type fragment, and {@code GET /api/v1/search}. */
public final class SearchRoutes implements WebServer.Routes {
  private static final int PAGE_SIZE = 20;

  private final Searcher searcher;
  private final Access access;
  private final Templates templates;
  private final SearchInsights insights;
  private final SynonymLists synonyms;
  private final SearchMetrics metrics;

  public SearchRoutes(
      Searcher searcher,
      Access access,
      Templates templates,
      SearchInsights insights,
      SynonymLists synonyms,
      SearchMetrics metrics) {
    this.searcher = searcher;
    this.metrics = metrics;
    this.access = access;
    this.templates = templates;
    this.insights = insights;
    this.synonyms = synonyms;
  }

  /**
   * The API's answer: the hits in order of relevance, {@code total} counted up to a bound. {@code
   * relaxed}: too little held every word, so the hits hold some of them; {@code ignoredWords}: the
   * words no hit holds; {@code suggestion}: the search with a misspelt word corrected, or null.
   */
  public record SearchAnswer(
      int total,
      boolean totalIsLowerBound,
      List<SearchHit> hits,
      boolean relaxed,
      List<String> ignoredWords,
      @Nullable String suggestion) {}

  @Override
  public void register(Router router) {
    router.get("/search", Need.SIGNED_IN, ctx -> page(ctx, "search/page.jte"));
    router.get("/search/results", Need.SIGNED_IN, ctx -> page(ctx, "search/results.jte"));
    router.get("/search/go", Need.SIGNED_IN, this::go);
    router.get(
        "/api/v1/search",
        Need.API,
        ApiDoc.of(
                "Search published procedures of the account's workspaces (q, workspace, manual, tag,"
                    + " limit 1-100, offset 0-1000).",
                "any",
                SearchAnswer.class)
            .withQuery(
                "q: the words to look for (quoted phrases, -word to leave out)",
                "workspace: one workspace's address; all of the account's when left out",
                "manual: one manual's address",
                "tag: one tag",
                "limit: hits per answer, 1 to 100 (10)",
                "offset: hits to skip, 0 to 1000"),
        this::api);
  }

  private void page(Context ctx, String template) {
    List<Membership> mine = access.memberships(ctx);
    String query = param(ctx, "q");
    SearchResults results = SearchResults.empty();
    String error = null;
    int status = 200;
    Map<String, Long> logs = Map.of();
    try {
      SearchRequest request = request(ctx, mine, query, PAGE_SIZE);
      results =
          metrics.measure(
              template.equals("search/page.jte")
                  ? SearchMetrics.Kind.PAGE
                  : SearchMetrics.Kind.AS_YOU_TYPE,
              () -> searcher.search(request));
      // A search is the results page shown (Enter, a link), not each keystroke of the results
      // shown as one types: those are recorded when a hit is opened from them (/search/go).
      if (template.equals("search/page.jte") && request.offset() == 0) {
        logs = insights.record(query, request.searched(), results.byWorkspace());
      }
    } catch (Refusal refusal) {
      error = refusal.getMessage();
      status = WebServer.status(refusal);
    }
    templates.render(
        ctx,
        status,
        template,
        new SearchPage(
            access.chrome(ctx),
            query,
            param(ctx, "workspace"),
            param(ctx, "manual"),
            param(ctx, "tag"),
            mine,
            results,
            error,
            logs));
  }

  private void api(Context ctx) {
    List<Membership> mine = access.memberships(ctx);
    int limit = PAGE_SIZE;
    String limitParam = ctx.queryParam("limit");
    if (limitParam != null && !limitParam.isBlank()) {
      try {
        limit = Integer.parseInt(limitParam.strip());
      } catch (NumberFormatException e) {
        throw Refusal.badRequest("limit must be a number from 1 to " + Searcher.MAX_LIMIT + ".");
      }
      if (limit < 1 || limit > Searcher.MAX_LIMIT) {
        throw Refusal.badRequest("limit must be a number from 1 to " + Searcher.MAX_LIMIT + ".");
      }
    }
    String offsetParam = ctx.queryParam("offset");
    if (offsetParam != null
        && !offsetParam.isBlank()
        && !(offsetParam.strip().matches("\\d{1,4}")
            && Integer.parseInt(offsetParam.strip()) <= Searcher.MAX_OFFSET)) {
      // Read as 0, a script paging until an empty page asked for the first page for ever.
      throw Refusal.badRequest("offset must be a number from 0 to " + Searcher.MAX_OFFSET + ".");
    }
    SearchRequest request = request(ctx, mine, param(ctx, "q"), limit);
    SearchResults results =
        metrics.measure(SearchMetrics.Kind.API, () -> searcher.search(request, false));
    ctx.json(
        new SearchAnswer(
            results.total(),
            results.totalIsLowerBound(),
            results.hits(),
            results.relaxing().relaxed(),
            results.relaxing().ignoredWords(),
            results.relaxing().suggestion()));
  }

  /** Where a hit may lead: a manual of a workspace, at a procedure. */
  private static final Pattern HIT = Pattern.compile("/w/([a-z0-9-]+)/m/([^/#?]+)(?:#([^/#?]+))?");

  /** Opening a hit: noted for the owners' insights, then the procedure itself. */
  private void go(Context ctx) {
    String to = param(ctx, "to");
    Matcher hit = HIT.matcher(to);
    Set<String> mine =
        access.memberships(ctx).stream().map(Membership::slug).collect(Collectors.toSet());
    if (!hit.matches() || !mine.contains(hit.group(1))) {
      throw Refusal.badRequest("This is not a result of your search.");
    }
    Long log = null;
    String logParam = param(ctx, "log");
    if (logParam.matches("\\d{1,18}")) {
      log = Long.valueOf(logParam);
    }
    String hitsParam = param(ctx, "hits");
    int hits = hitsParam.matches("\\d{1,6}") ? Integer.parseInt(hitsParam) : 0;
    String query = param(ctx, "q");
    // Recorded only from a link this server showed the reader (a GET: any site could link here).
    if (Secrets.same(
        param(ctx, "sig"),
        SearchInsights.signature(access.chrome(ctx).csrf(), to, query, hits, log))) {
      insights.opened(
          hit.group(1),
          log,
          query,
          hits,
          hit.group(2) + (hit.group(3) == null ? "" : "/" + hit.group(3)));
    }
    ctx.redirect(to, HttpStatus.SEE_OTHER);
  }

  private SearchRequest request(Context ctx, List<Membership> mine, String query, int limit) {
    Set<String> allowed = mine.stream().map(Membership::slug).collect(Collectors.toSet());
    int offset = 0;
    String offsetParam = ctx.queryParam("offset");
    if (offsetParam != null && offsetParam.strip().matches("\\d{1,4}")) {
      offset = Integer.parseInt(offsetParam.strip());
    }
    // Each workspace widens the words with its own synonyms (none: the built-in list); a
    // recruiter's workspaces leave the procedures' FAQ out.
    return new SearchRequest(
        query,
        allowed,
        param(ctx, "workspace"),
        param(ctx, "manual"),
        param(ctx, "tag"),
        limit,
        offset,
        query.isBlank() ? Map.of() : synonyms.forSearch(allowed),
        mine.stream()
            .filter(m -> m.role() == Role.RECRUITER)
            .map(Membership::slug)
            .collect(Collectors.toSet()));
  }

  private static String param(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null ? "" : value;
  }
}
