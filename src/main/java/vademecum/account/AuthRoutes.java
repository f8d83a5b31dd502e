package vademecum.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.function.Function;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Redirects;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Sign-in and sign-out. */
public final class AuthRoutes implements WebServer.Routes {
  private static final String REFUSED = "The e-mail or the password is not correct.";

  private final SignIn signIn;
  private final EmailVerification verification;
  private final Access access;
  private final Templates templates;
  private final Optional<String> singleSignOn;
  private final boolean passwords;
  private final Function<Context, String> afterSignOut;

  /**
   * @param singleSignOn the name of the sign-in provider offered beside passwords, if any
   * @param passwords whether people may sign in with a password
   * @param afterSignOut where the browser goes once the session has ended
   */
  public AuthRoutes(
      SignIn signIn,
      EmailVerification verification,
      Access access,
      Templates templates,
      Optional<String> singleSignOn,
      boolean passwords,
      Function<Context, String> afterSignOut) {
    this.signIn = signIn;
    this.verification = verification;
    this.access = access;
    this.templates = templates;
    this.singleSignOn = singleSignOn;
    this.passwords = passwords;
    this.afterSignOut = afterSignOut;
  }

  static final String PASSWORDS_OFF =
      "Sign-in with a password is switched off here: use the single sign-on button.";

  @Override
  public void register(Router router) {
    router.get("/login", Need.PUBLIC, this::form);
    router.post("/login", Need.PUBLIC, this::login);
    router.post("/logout", Need.SIGNED_IN, this::logout);
    // A GET only shows a button: mail scanners that open links must not confirm or sign in.
    router.get("/verify/{token}", Need.PUBLIC, this::verifyForm);
    router.post("/verify/{token}", Need.PUBLIC, this::verify);
  }

  private void form(Context ctx) {
    templates.render(
        ctx,
        "account/login.jte",
        page(
            ctx,
            "",
            Redirects.safeNext(ctx.queryParam("next")),
            null,
            ctx.queryParam("reset") != null ? "login.passwordReset" : null));
  }

  private LoginPage page(Context ctx, String email, String next, String error, String notice) {
    return new LoginPage(
        access.chrome(ctx),
        access.preSessionToken(ctx),
        email,
        next,
        error,
        notice,
        singleSignOn.orElse(null),
        passwords);
  }

  private void login(Context ctx) {
    Forms.requireUtf8(ctx);
    String email = Forms.text(ctx, "email");
    String next = Redirects.safeNext(ctx.formParam("next"));
    if (!passwords) {
      refuse(ctx, 403, email, next, PASSWORDS_OFF);
      return;
    }
    if (email.isBlank() || Forms.text(ctx, "password").isEmpty()) {
      refuse(ctx, 400, email, next, "Enter your e-mail and your password.");
      return;
    }
    SignIn.Result result = signIn.attempt(email, Forms.text(ctx, "password"), access.client(ctx));
    switch (result) {
      case SignIn.Success success -> {
        if (!access.startSessionIfPasswordStill(
            ctx, success.account().id(), success.passwordHash())) {
          refuse(ctx, 401, email, next, "Your password was changed meanwhile: sign in again.");
          return;
        }
        ctx.redirect(next, HttpStatus.SEE_OTHER);
      }
      case SignIn.Unconfirmed unconfirmed -> {
        boolean sent = verification.sendLink(unconfirmed.account());
        refuse(
            ctx,
            403,
            email,
            next,
            sent
                ? "Confirm your e-mail address first: open the link sent to "
                    + unconfirmed.account().email()
                    + ", then sign in."
                : "Confirm your e-mail address first; the confirmation e-mail could not be"
                    + " sent just now. Try again in a few minutes.");
      }
      case SignIn.Refused refused -> refuse(ctx, 401, email, next, REFUSED);
      case SignIn.Throttled throttled -> {
        long seconds = Math.max(1, throttled.retryAfter().toSeconds() + 1);
        ctx.header("Retry-After", String.valueOf(seconds));
        refuse(
            ctx,
            429,
            email,
            next,
            "Too many failed attempts. Wait " + seconds + " seconds, then try again.");
      }
    }
  }

  /** The sign-in form again, with what was typed (never the password) and why. */
  private void refuse(Context ctx, int status, String email, String next, String why) {
    templates.render(ctx, status, "account/login.jte", page(ctx, email, next, why, null));
  }

  private void verifyForm(Context ctx) {
    verifyForm(ctx, 200, null);
  }

  private void verifyForm(Context ctx, int status, String error) {
    // The link's token never goes to another site; same-origin, not no-referrer: under no-referrer
    // the page's own forms (the header's "Sign out") are posted with "Origin: null", refused.
    ctx.header("Referrer-Policy", "same-origin");
    String token = ctx.pathParam("token");
    if (!verification.usable(token)) {
      throw Refusal.gone(
          "This confirmation link has expired or was already used. Sign in to receive a new one.");
    }
    templates.render(
        ctx,
        status,
        "account/verify.jte",
        new VerifyPage(access.chrome(ctx), access.preSessionToken(ctx), token, passwords, error));
  }

  private void verify(Context ctx) {
    Forms.requireUtf8(ctx);
    String password = null;
    if (passwords) {
      password = Forms.text(ctx, "password");
      if (!password.equals(Forms.text(ctx, "repeat"))) {
        verifyForm(ctx, 400, "The two passwords are not the same.");
        return;
      }
    }
    Account account;
    try {
      account = verification.confirm(ctx.pathParam("token"), password);
    } catch (Refusal.Invalid invalid) {
      verifyForm(ctx, WebServer.status(invalid), invalid.getMessage());
      return;
    }
    access.startSession(ctx, account.id());
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    access.endSession(ctx);
    ctx.redirect(afterSignOut.apply(ctx), HttpStatus.SEE_OTHER);
  }
}
