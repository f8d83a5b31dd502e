package vademecum.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Sign-in and sign-out. */
public final class AuthRoutes implements WebServer.Routes {
  private static final String REFUSED = "The e-mail or the password is not correct.";

  private final SignIn signIn;
  private final Access access;
  private final Templates templates;

  public AuthRoutes(SignIn signIn, Access access, Templates templates) {
    this.signIn = signIn;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/login", Need.PUBLIC, this::form);
    router.post("/login", Need.PUBLIC, this::login);
    router.post("/logout", Need.SIGNED_IN, this::logout);
  }

  private void form(Context ctx) {
    templates.render(
        ctx,
        "account/login.jte",
        new LoginPage(
            access.chrome(ctx),
            access.preSessionToken(ctx),
            "",
            safeNext(ctx.queryParam("next")),
            null));
  }

  private void login(Context ctx) {
    Forms.requireUtf8(ctx);
    String email = Forms.text(ctx, "email");
    String next = safeNext(ctx.formParam("next"));
    if (email.isBlank() || Forms.text(ctx, "password").isEmpty()) {
      templates.render(
          ctx,
          400,
          "account/login.jte",
          new LoginPage(
              access.chrome(ctx),
              access.preSessionToken(ctx),
              email,
              next,
              "Enter your e-mail and your password."));
      return;
    }
    SignIn.Result result = signIn.attempt(email, Forms.text(ctx, "password"), access.client(ctx));
    switch (result) {
      case SignIn.Success success -> {
        access.startSession(ctx, success.account().id());
        ctx.redirect(next, HttpStatus.SEE_OTHER);
      }
      case SignIn.Refused refused ->
          templates.render(
              ctx,
              401,
              "account/login.jte",
              new LoginPage(access.chrome(ctx), access.preSessionToken(ctx), email, next, REFUSED));
      case SignIn.Throttled throttled -> {
        long seconds = Math.max(1, throttled.retryAfter().toSeconds() + 1);
        ctx.header("Retry-After", String.valueOf(seconds));
        templates.render(
            ctx,
            429,
            "account/login.jte",
            new LoginPage(
                access.chrome(ctx),
                access.preSessionToken(ctx),
                email,
                next,
                "Too many failed attempts. Wait " + seconds + " seconds, then try again."));
      }
    }
  }

  private void logout(Context ctx) {
    access.endSession(ctx);
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  /** Only a path on this site: an open redirect would make phishing links look like ours. */
  public static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.contains("\\")
        || next.length() > 2000
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/";
    }
    return next;
  }
}
