package vademecum.account;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.kernel.Refusal;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Redirects;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Texts;
import vademecum.web.WebServer;

/** The language switch in every page's frame: a cookie, and the account's preference if any. */
public final class LanguageRoutes implements WebServer.Routes {
  private final AccountService accounts;
  private final Access access;

  public LanguageRoutes(AccountService accounts, Access access) {
    this.accounts = accounts;
    this.access = access;
  }

  @Override
  public void register(Router router) {
    router.post("/language", Need.PUBLIC, this::choose);
  }

  private void choose(Context ctx) {
    String language = Forms.text(ctx, "language");
    if (!Texts.LANGUAGES.contains(language)) {
      throw Refusal.badRequest("The language must be fr or en.");
    }
    access.rememberLanguage(ctx, language);
    if (access.signedIn(ctx)) {
      accounts.setLanguage(access.account(ctx).id(), language);
    }
    // Back to the page the switch was on, never to another site.
    ctx.redirect(Redirects.safeNext(Forms.text(ctx, "next")), HttpStatus.SEE_OTHER);
  }
}
