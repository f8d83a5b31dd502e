package vademecum.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.account.AccountService;
import vademecum.account.EmailVerification;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;
import vademecum.workspace.MembershipService;
import vademecum.workspace.Workspaces;

/**
 * Instance administrators create workspaces (naming their first owner) and accounts. They do not
 * read a workspace's manuals unless they are members of it: clients' instructions stay private.
 */
public final class AdminRoutes implements WebServer.Routes {
  private final AccountService accounts;
  private final MembershipService memberships;
  private final Workspaces workspaces;
  private final EmailVerification verification;
  private final Access access;
  private final Templates templates;

  public AdminRoutes(
      AccountService accounts,
      MembershipService memberships,
      Workspaces workspaces,
      EmailVerification verification,
      Access access,
      Templates templates) {
    this.accounts = accounts;
    this.memberships = memberships;
    this.workspaces = workspaces;
    this.verification = verification;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get("/admin", Need.ADMIN, ctx -> show(ctx, 200, null, null, null));
    router.post("/admin/workspaces", Need.ADMIN, this::createWorkspace);
    router.post("/admin/accounts", Need.ADMIN, this::createAccount);
    router.post("/admin/accounts/{account}/confirm", Need.ADMIN, this::confirmAddress);
  }

  /** Without e-mail, an administrator vouches for an address made from an invitation. */
  private void confirmAddress(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("account"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no unconfirmed account " + ctx.pathParam("account") + ".");
    }
    verification.confirmByAdministrator(id, access.account(ctx).id());
    ctx.redirect("/admin", HttpStatus.SEE_OTHER);
  }

  private void createWorkspace(Context ctx) {
    Forms.requireUtf8(ctx);
    try {
      String ownerEmail = Forms.text(ctx, "owner");
      Account owner =
          accounts
              .findByEmail(ownerEmail)
              .orElseThrow(
                  () ->
                      Refusal.badRequest(
                          "There is no account " + ownerEmail + " to be the owner."));
      long by = access.account(ctx).id();
      Workspace workspace =
          memberships.createWorkspace(Forms.text(ctx, "slug").strip(), Forms.text(ctx, "name"), by);
      memberships.addMember(workspace, owner.id(), Role.OWNER, by);
      ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    } catch (Refusal refusal) {
      show(ctx, WebServer.status(refusal), null, null, refusal.getMessage());
    }
  }

  private void createAccount(Context ctx) {
    Forms.requireUtf8(ctx);
    String password = Secrets.newPassword();
    try {
      Account created =
          accounts.create(
              Forms.text(ctx, "email"),
              Forms.text(ctx, "name"),
              Forms.text(ctx, "language"),
              password,
              Forms.checked(ctx, "admin"),
              access.account(ctx).id());
      show(ctx, 200, created.email(), password, null);
    } catch (Refusal refusal) {
      show(ctx, WebServer.status(refusal), null, null, refusal.getMessage());
    }
  }

  private void show(Context ctx, int status, String email, String password, String error) {
    templates.render(
        ctx,
        status,
        "admin/admin.jte",
        new AdminPage(
            access.chrome(ctx),
            workspaces.all(),
            accounts.all(),
            verification.unverified(),
            email,
            password,
            error));
  }
}
