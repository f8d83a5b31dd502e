package vademecum.webhook;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Chrome;
import vademecum.web.Confirmation;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** The owners' page of webhooks: add one (its secret shown), remove one, see deliveries. */
public final class WebhookRoutes implements WebServer.Routes {
  private final WebhookService webhooks;
  private final Access access;
  private final Templates templates;

  public WebhookRoutes(WebhookService webhooks, Access access, Templates templates) {
    this.webhooks = webhooks;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/webhooks", Need.OWNER, ctx -> show(ctx, 200, null, null));
    router.post("/w/{workspace}/webhooks", Need.OWNER, this::add);
    router.post("/w/{workspace}/webhooks/{webhook}/delete", Need.OWNER, this::remove);
  }

  private void add(Context ctx) {
    try {
      var added = webhooks.add(access.workspace(ctx), Forms.text(ctx, "url"), access.actor(ctx));
      ctx.header("Cache-Control", "no-store"); // the secret is on this page
      show(ctx, 200, added, null);
    } catch (Refusal refusal) {
      show(ctx, WebServer.status(refusal), null, refusal.getMessage());
    }
  }

  private void remove(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("webhook"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no webhook " + ctx.pathParam("webhook") + " here.");
    }
    String back = "/w/" + workspace.slug() + "/webhooks";
    WebhookRepository.Webhook webhook =
        webhooks.list(workspace).stream()
            .filter(w -> w.id() == id)
            .findFirst()
            .orElseThrow(() -> Refusal.notFound("There is no webhook " + id + " here."));
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.removeWebhook", webhook.url()),
        c.t("webhooks.remove"),
        back)) {
      return;
    }
    webhooks.remove(workspace, id, access.actor(ctx));
    ctx.redirect(back, HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, int status, WebhookRepository.Webhook added, String error) {
    Workspace workspace = access.workspace(ctx);
    templates.render(
        ctx,
        status,
        "webhook/list.jte",
        new WebhooksPage(
            access.chrome(ctx),
            workspace,
            webhooks.list(workspace),
            webhooks.recent(workspace),
            added,
            error));
  }
}
