package vademecum.workspace;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.account.AccountService;
import vademecum.account.EmailVerification;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** The page behind an invitation link. Single use; expired or used links answer 410. */
public final class InvitationRoutes implements WebServer.Routes {
  private final MembershipService memberships;
  private final AccountService accounts;
  private final EmailVerification verification;
  private final Access access;
  private final Templates templates;

  public InvitationRoutes(
      MembershipService memberships,
      AccountService accounts,
      EmailVerification verification,
      Access access,
      Templates templates) {
    this.memberships = memberships;
    this.accounts = accounts;
    this.verification = verification;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/invitations/{token}", Need.PUBLIC, this::show);
    router.post("/invitations/{token}", Need.PUBLIC, this::accept);
  }

  private void show(Context ctx) {
    // The link's token never goes to another site; same-origin, not no-referrer: under no-referrer
    // the page's own forms (the header's "Sign out") are posted with "Origin: null", refused.
    ctx.header("Referrer-Policy", "same-origin");
    render(ctx, 200, memberships.usableInvitation(ctx.pathParam("token")), "", null, null);
  }

  private void accept(Context ctx) {
    Forms.requireUtf8(ctx);
    String token = ctx.pathParam("token");
    Invitation invitation = memberships.usableInvitation(token);
    String name = Forms.text(ctx, "name");
    Account signedIn = access.signedIn(ctx) ? access.account(ctx) : null;
    try {
      Account account = memberships.accept(token, signedIn, name, Forms.text(ctx, "password"));
      if (signedIn == null && verification.byEmail()) {
        // A new account: it signs in once the link sent to its address is opened.
        String notice =
            verification.sendLink(account) ? "invitation.checkMail" : "invitation.mailFailed";
        render(ctx, 200, invitation, name, notice, null);
        return;
      }
      if (signedIn == null) {
        access.startSession(ctx, account.id());
      }
      ctx.redirect("/w/" + invitation.workspaceSlug(), HttpStatus.SEE_OTHER);
    } catch (Refusal refusal) {
      if (!(refusal instanceof Refusal.Invalid
          || refusal instanceof Refusal.Forbidden
          || refusal instanceof Refusal.Conflict)) {
        throw refusal;
      }
      render(ctx, WebServer.status(refusal), invitation, name, null, refusal.getMessage());
    }
  }

  private void render(
      Context ctx, int status, Invitation invitation, String name, String notice, String error) {
    var account = accounts.findByEmail(invitation.email());
    boolean existing = account.isPresent();
    boolean unconfirmed = existing && !verification.verified(account.get().id());
    Account signedIn = access.signedIn(ctx) ? access.account(ctx) : null;
    templates.render(
        ctx,
        status,
        "workspace/invitation.jte",
        new InvitationPage(
            access.chrome(ctx),
            signedIn != null ? access.session(ctx).csrfToken() : access.preSessionToken(ctx),
            invitation,
            ctx.pathParam("token"),
            existing,
            unconfirmed,
            signedIn == null ? null : signedIn.email(),
            signedIn != null && signedIn.email().equalsIgnoreCase(invitation.email()),
            name,
            notice,
            error));
  }
}
