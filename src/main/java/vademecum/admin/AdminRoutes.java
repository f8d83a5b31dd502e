package vademecum.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import vademecum.account.AccountService;
import vademecum.account.EmailVerification;
import vademecum.account.PasswordResets;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;
import vademecum.manual.ShelfService;
import vademecum.web.Access;
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
  private static final AdminForms.NewWorkspace NO_WORKSPACE = AdminForms.NewWorkspace.BLANK;
  private static final AdminForms.NewAccount NO_ACCOUNT = AdminForms.NewAccount.BLANK;

  private final AccountService accounts;
  private final MembershipService memberships;
  private final Workspaces workspaces;
  private final EmailVerification verification;
  private final ShelfService shelf;
  private final PasswordResets resets;
  private final Access access;
  private final Templates templates;

  public AdminRoutes(
      AccountService accounts,
      MembershipService memberships,
      Workspaces workspaces,
      EmailVerification verification,
      ShelfService shelf,
      PasswordResets resets,
      Access access,
      Templates templates) {
    this.accounts = accounts;
    this.memberships = memberships;
    this.workspaces = workspaces;
    this.verification = verification;
    this.shelf = shelf;
    this.resets = resets;
    this.access = access;
    this.templates = templates;
  }

  @Override
  public void register(Router router) {
    router.get(
        "/admin",
        Need.ADMIN,
        ctx -> render(ctx, 200, NO_WORKSPACE, NO_ACCOUNT, null, null, null, null, null));
    router.post("/admin/workspaces", Need.ADMIN, this::createWorkspace);
    router.post("/admin/accounts", Need.ADMIN, this::createAccount);
    router.post("/admin/accounts/{account}/confirm", Need.ADMIN, this::confirmAddress);
    router.post("/admin/manuals/{manual}/restore", Need.ADMIN, this::restoreManual);
    router.post("/admin/accounts/{account}/reset-link", Need.ADMIN, this::resetLink);
  }

  /** A password reset link for any account, for the administrator to hand over (shown once). */
  private void resetLink(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("account"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no account " + ctx.pathParam("account") + ".");
    }
    // The system account (imports, the administrator's CLI) signs in nowhere: a password set for
    // it let someone act as "Vademecum", whom every role check lets through.
    Account account =
        accounts
            .find(id)
            .filter(a -> a.id() != Actor.SYSTEM.accountId())
            .orElseThrow(() -> Refusal.notFound("There is no account " + id + "."));
    String url = resets.issue(id, access.account(ctx).id());
    ctx.header("Cache-Control", "no-store");
    render(ctx, 200, NO_WORKSPACE, NO_ACCOUNT, null, null, null, account.displayName(), url);
  }

  /** A deleted manual comes back as it was, within {@link ShelfService#RESTORABLE}. */
  private void restoreManual(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("manual"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound(
          "There is no deleted manual " + ctx.pathParam("manual") + " to restore.");
    }
    shelf.undelete(id, access.actor(ctx));
    ctx.redirect("/admin#deleted", HttpStatus.SEE_OTHER);
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
    AdminForms.NewWorkspace form = AdminForms.NewWorkspace.read(ctx);
    try {
      Account owner =
          accounts
              .findByEmail(form.ownerEmail())
              .filter(a -> a.id() != Actor.SYSTEM.accountId())
              .orElseThrow(
                  () ->
                      Refusal.badRequest(
                          "There is no account " + form.ownerEmail() + " to be the owner."));
      long by = access.account(ctx).id();
      memberships.createWorkspace(form.slug(), form.name(), owner.id(), by);
      ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    } catch (Refusal refusal) {
      render(
          ctx,
          WebServer.status(refusal),
          form,
          NO_ACCOUNT,
          null,
          null,
          refusal.getMessage(),
          null,
          null);
    }
  }

  private void createAccount(Context ctx) {
    AdminForms.NewAccount form = AdminForms.NewAccount.read(ctx);
    String password = Secrets.newPassword();
    try {
      Account created =
          accounts.create(
              form.email(),
              form.name(),
              form.language(),
              password,
              form.admin(),
              access.account(ctx).id());
      ctx.header("Cache-Control", "no-store"); // the password is on this page
      render(ctx, 200, NO_WORKSPACE, NO_ACCOUNT, created.email(), password, null, null, null);
    } catch (Refusal refusal) {
      render(
          ctx,
          WebServer.status(refusal),
          NO_WORKSPACE,
          form,
          null,
          null,
          refusal.getMessage(),
          null,
          null);
    }
  }

  private void render(
      Context ctx,
      int status,
      AdminForms.NewWorkspace workspaceForm,
      AdminForms.NewAccount accountForm,
      String email,
      String password,
      String error,
      String resetName,
      String resetUrl) {
    templates.render(
        ctx,
        status,
        "admin/admin.jte",
        new AdminPage(
            access.chrome(ctx),
            workspaces.all(),
            accounts.all(),
            verification.unverified(),
            shelf.deleted(),
            workspaceForm,
            accountForm,
            email,
            password,
            error,
            resetName,
            resetUrl));
  }
}
