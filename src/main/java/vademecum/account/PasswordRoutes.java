package vademecum.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Refusal;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** "Forgot your password?" and the page a reset link opens. */
public final class PasswordRoutes implements WebServer.Routes {
  private final PasswordResets resets;
  private final Access access;
  private final Templates templates;

  public PasswordRoutes(PasswordResets resets, Access access, Templates templates) {
    this.resets = resets;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/password/forgot", Need.PUBLIC, ctx -> forgot(ctx, false));
    router.post("/password/forgot", Need.PUBLIC, this::request);
    // A GET only shows the form: a mail scanner that opens the link uses nothing up.
    router.get("/password/reset/{token}", Need.PUBLIC, ctx -> resetForm(ctx, 200, null));
    router.post("/password/reset/{token}", Need.PUBLIC, this::reset);
  }

  private void forgot(Context ctx, boolean sent) {
    templates.render(
        ctx,
        "account/forgot.jte",
        new PasswordPage(
            access.chrome(ctx), access.preSessionToken(ctx), resets.byEmail(), sent, null, null));
  }

  private void request(Context ctx) {
    Forms.requireUtf8(ctx);
    String email = Forms.text(ctx, "email");
    if (!email.isBlank()) {
      resets.request(email, access.client(ctx));
    }
    forgot(ctx, true); // the same answer, whether the address has an account or not
  }

  private void resetForm(Context ctx, int status, String error) {
    // The link's token never goes to another site; same-origin, not no-referrer: under no-referrer
    // the page's own forms (the header's "Sign out") are posted with "Origin: null", refused.
    ctx.header("Referrer-Policy", "same-origin");
    String token = ctx.pathParam("token");
    if (!resets.usable(token)) {
      throw Refusal.gone(
          "This password reset link has expired or was already used. Ask for a new one.");
    }
    templates.render(
        ctx,
        status,
        "account/reset.jte",
        new PasswordPage(
            access.chrome(ctx),
            access.preSessionToken(ctx),
            resets.byEmail(),
            false,
            token,
            error));
  }

  private void reset(Context ctx) {
    Forms.requireUtf8(ctx);
    String password = Forms.text(ctx, "password");
    if (!password.equals(Forms.text(ctx, "repeat"))) {
      resetForm(ctx, 400, "The two passwords are not the same.");
      return;
    }
    try {
      resets.reset(ctx.pathParam("token"), password);
    } catch (Refusal.Invalid invalid) {
      resetForm(ctx, WebServer.status(invalid), invalid.getMessage());
      return;
    }
    access.endSession(ctx);
    ctx.redirect("/login?reset", HttpStatus.SEE_OTHER);
  }
}
