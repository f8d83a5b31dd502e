package vademecum.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.web.Access;
import vademecum.web.Chrome;
import vademecum.web.Confirmation;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** The account page: language, password, personal API tokens. */
public final class AccountRoutes implements WebServer.Routes {
  private final AccountService accounts;
  private final ApiTokens tokens;
  private final Access access;
  private final Templates templates;

  public AccountRoutes(
      AccountService accounts, ApiTokens tokens, Access access, Templates templates) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/account", Need.SIGNED_IN, ctx -> show(ctx, 200, null, null, null));
    router.post("/account/language", Need.SIGNED_IN, this::language);
    router.post("/account/password", Need.SIGNED_IN, this::password);
    router.post("/account/tokens", Need.SIGNED_IN, this::createToken);
    router.post("/account/tokens/{token}/revoke", Need.SIGNED_IN, this::revokeToken);
    router.post("/account/sign-out-everywhere", Need.SIGNED_IN, this::signOutEverywhere);
  }

  private void language(Context ctx) {
    accounts.setLanguage(access.account(ctx).id(), Forms.text(ctx, "language"));
    ctx.redirect("/account", HttpStatus.SEE_OTHER);
  }

  private void password(Context ctx) {
    Forms.requireUtf8(ctx);
    try {
      long id = access.account(ctx).id();
      accounts.changePassword(
          id, Forms.text(ctx, "current"), Forms.text(ctx, "password"), access.client(ctx));
      access.endSession(ctx);
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
    } catch (Refusal refusal) {
      show(ctx, WebServer.status(refusal), null, null, refusal.getMessage());
    }
  }

  private void createToken(Context ctx) {
    Forms.requireUtf8(ctx);
    String daysText = Forms.text(ctx, "days");
    int days;
    try {
      days =
          daysText == null || daysText.isBlank()
              ? ApiTokens.DEFAULT_DAYS
              : Integer.parseInt(daysText.strip());
    } catch (NumberFormatException e) {
      days = -1;
    }
    try {
      String token =
          tokens.create(
              access.account(ctx).id(),
              Forms.text(ctx, "name"),
              days,
              access.session(ctx) == null ? null : access.session(ctx).idHash());
      ctx.header("Cache-Control", "no-store"); // the token is on this page
      show(ctx, 200, token, "Copy this token now: it will not be shown again.", null);
    } catch (Refusal refusal) {
      show(ctx, WebServer.status(refusal), null, null, refusal.getMessage());
    }
  }

  /** Ends every session of the account, this one included, and revokes its API tokens. */
  private void signOutEverywhere(Context ctx) {
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.signOutEverywhere"),
        c.t("account.everywhereButton"),
        "/account")) {
      return;
    }
    accounts.signOutEverywhere(access.account(ctx).id());
    access.endSession(ctx);
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void revokeToken(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("token"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no such token.");
    }
    long tokenId = id;
    ApiToken token =
        tokens.list(access.account(ctx).id()).stream()
            .filter(t -> t.id() == tokenId)
            .findFirst()
            .orElseThrow(() -> Refusal.notFound("There is no such token."));
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.revokeToken", token.name()),
        c.t("account.revoke"),
        "/account")) {
      return;
    }
    if (!tokens.revoke(access.account(ctx).id(), id)) {
      throw Refusal.notFound("There is no such token.");
    }
    ctx.redirect("/account", HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, int status, String newToken, String message, String error) {
    Account account = accounts.find(access.account(ctx).id()).orElseThrow();
    templates.render(
        ctx,
        status,
        "account/account.jte",
        new AccountPage(
            access.chrome(ctx), account, tokens.list(account.id()), newToken, message, error));
  }
}
