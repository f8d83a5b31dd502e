package vademecum.search;

import io.javalin.http.Context;
import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Search insights: the page for owners and editors, and the same figures through the API. */
public final class InsightsRoutes implements WebServer.Routes {
  private final SearchInsights insights;
  private final Access access;
  private final Templates templates;

  public InsightsRoutes(SearchInsights insights, Access access, Templates templates) {
    this.insights = insights;
    this.access = access;
    this.templates = templates;
  }

  /** A search text's figures: searches made, how many found nothing, how many opened a hit. */
  public record FigureItem(String query, int searches, int empty, int opened) {}

  /** A week (its Monday, ISO 8601) with its searches and those that found nothing. */
  public record WeekItem(String start, int searches, int empty) {}

  public record InsightsAnswer(
      int days,
      int searches,
      int empty,
      List<FigureItem> top,
      List<FigureItem> withoutResult,
      List<FigureItem> withoutOpening,
      List<WeekItem> weeks) {
    static InsightsAnswer of(SearchInsights.Insights i) {
      return new InsightsAnswer(
          i.days(),
          i.searches(),
          i.empty(),
          figures(i.top()),
          figures(i.withoutResult()),
          figures(i.withoutOpening()),
          i.weeks().stream()
              .map(w -> new WeekItem(w.start().toLocalDate().toString(), w.searches(), w.empty()))
              .toList());
    }

    private static List<FigureItem> figures(List<SearchLogRepository.Figure> figures) {
      return figures.stream()
          .map(f -> new FigureItem(f.query(), f.searches(), f.empty(), f.opened()))
          .toList();
    }
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/insights", Need.EDITOR, this::page);
    router.get(
        "/api/v1/workspaces/{workspace}/insights",
        Need.API_EDITOR,
        ApiDoc.of(
                "What was searched in the workspace (?days=, 30 by default): the most frequent"
                    + " searches, those that found nothing, those from which nothing was opened, and"
                    + " searches per week. No person is recorded.",
                "owner, editor",
                InsightsAnswer.class)
            .withQuery("days: how many days back (30)"),
        this::api);
  }

  private void page(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    templates.render(
        ctx,
        "search/insights.jte",
        new InsightsPage(
            access.chrome(ctx),
            workspace,
            insights.insights(workspace, access.role(ctx), days(ctx))));
  }

  private void api(Context ctx) {
    ctx.json(
        InsightsAnswer.of(insights.insights(access.workspace(ctx), access.role(ctx), days(ctx))));
  }

  private static int days(Context ctx) {
    String value = ctx.queryParam("days");
    return value != null && value.matches("\\d{1,4}") ? Integer.parseInt(value) : 30;
  }
}
