package vademecum.review;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.ApiDoc;
import vademecum.web.JsonBody;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.WebServer;

/** Reviews, owners and out-of-date flags through {@code /api/v1/}. */
public final class ReviewApiRoutes implements WebServer.Routes {
  private static final String WS = "/api/v1/workspaces/{workspace}";

  private final ReviewService reviews;
  private final Access access;
  private final String baseUrl;

  public ReviewApiRoutes(ReviewService reviews, Access access, String baseUrl) {
    this.reviews = reviews;
    this.access = access;
    this.baseUrl = baseUrl;
  }

  @Override
  public void register(Router router) {
    router.get(
        WS + "/review",
        Need.API_EDITOR,
        ApiDoc.of(
            "What needs an owner's or editor's attention, most urgent first: reviews overdue or"
                + " due within 14 days, out-of-date flags, open questions, resubmitted"
                + " suggestions.",
            "owner, editor",
            ReviewJson.AttentionList.class),
        this::attention);
    router.get(
        WS + "/manuals/{manual}/review",
        Need.API_EDITOR,
        ApiDoc.of(
            "A manual's owner, review interval, last review, next due date and open flags.",
            "owner, editor",
            ReviewJson.ReviewState.class),
        this::state);
    router.post(
        WS + "/manuals/{manual}/reviews",
        Need.API_EDITOR,
        ApiDoc.of(
                "Record a review (\"still accurate\") without a new revision; settles the open"
                    + " flags.",
                "owner, editor",
                ReviewJson.ReviewState.class)
            .withStatus(201)
            .withBody(ReviewJson.ReviewBody.class),
        this::review);
    router.post(
        WS + "/manuals/{manual}/stewardship",
        Need.API_EDITOR,
        ApiDoc.of(
                "Set the manual's owner and review interval.",
                "owner, editor",
                ReviewJson.ReviewState.class)
            .withBody(ReviewJson.StewardshipBody.class),
        this::stewardship);
    router.post(
        WS + "/manuals/{manual}/procedures/{procedure}/flags",
        Need.API_MEMBER,
        ApiDoc.of(
                "Flag a published procedure as looking out of date, saying why.",
                "owner, editor, assistant",
                ReviewJson.Flagged.class)
            .withStatus(201)
            .withBody(ReviewJson.FlagBody.class),
        this::flag);
    router.post(
        WS + "/flags/{flag}/resolve",
        Need.API_EDITOR,
        ApiDoc.of("Resolve an out-of-date flag.", "owner, editor", ReviewJson.Flagged.class),
        this::resolve);
  }

  private void attention(Context ctx) {
    ctx.json(
        ReviewJson.AttentionList.of(
            reviews.attention(access.workspace(ctx), access.role(ctx)), baseUrl));
  }

  private void state(Context ctx) {
    ctx.json(
        ReviewJson.ReviewState.of(
            reviews.overview(access.workspace(ctx), access.role(ctx), ctx.pathParam("manual"))));
  }

  private void review(Context ctx) {
    var body = ReviewJson.ReviewBody.read(JsonBody.of(ctx, ReviewJson.ReviewBody.class));
    Workspace workspace = access.workspace(ctx);
    reviews.stillAccurate(
        workspace, access.role(ctx), access.actor(ctx), ctx.pathParam("manual"), body.note());
    ctx.status(HttpStatus.CREATED);
    state(ctx);
  }

  private void stewardship(Context ctx) {
    JsonBody json = JsonBody.of(ctx, ReviewJson.StewardshipBody.class);
    var body = ReviewJson.StewardshipBody.read(json);
    Workspace workspace = access.workspace(ctx);
    String slug = ctx.pathParam("manual");
    if (json.has("months")) {
      reviews.setStewardship(
          workspace, access.role(ctx), access.actor(ctx), slug, body.owner(), body.months());
    } else {
      reviews.setOwner(workspace, access.role(ctx), access.actor(ctx), slug, body.owner());
    }
    state(ctx);
  }

  private void flag(Context ctx) {
    var body = ReviewJson.FlagBody.read(JsonBody.of(ctx, ReviewJson.FlagBody.class));
    long id =
        reviews.flag(
            access.workspace(ctx),
            access.role(ctx),
            access.actor(ctx),
            ctx.pathParam("manual"),
            ctx.pathParam("procedure"),
            body.note());
    ctx.status(HttpStatus.CREATED).json(new ReviewJson.Flagged(id));
  }

  private void resolve(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("flag"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such flag here.");
    }
    reviews.resolveFlag(access.workspace(ctx), access.role(ctx), access.actor(ctx), id);
    ctx.json(new ReviewJson.Flagged(id));
  }
}
