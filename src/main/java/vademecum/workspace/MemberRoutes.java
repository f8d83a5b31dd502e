package vademecum.workspace;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import vademecum.account.AccountService;
import vademecum.account.PasswordResets;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.web.Access;
import vademecum.web.Chrome;
import vademecum.web.Confirmation;
import vademecum.web.Forms;
import vademecum.web.Router;
import vademecum.web.Router.Need;
import vademecum.web.Templates;
import vademecum.web.WebServer;

/** Owners manage members: invite by link, change roles, remove. */
public final class MemberRoutes implements WebServer.Routes {
  private final MembershipService memberships;
  private final AccountService accounts;
  private final PasswordResets resets;
  private final InvitationMail mail;
  private final Access access;
  private final Templates templates;
  private final String baseUrl;

  public MemberRoutes(
      MembershipService memberships,
      AccountService accounts,
      PasswordResets resets,
      InvitationMail mail,
      Access access,
      Templates templates,
      String baseUrl) {
    this.memberships = memberships;
    this.accounts = accounts;
    this.resets = resets;
    this.mail = mail;
    this.access = access;
    this.templates = templates;
    this.baseUrl = baseUrl;
  }

  @Override
  public void register(Router router) {
    router.get("/w/{workspace}/members", Need.OWNER, this::members);
    router.post("/w/{workspace}/invitations", Need.OWNER, this::invite);
    router.post(
        "/w/{workspace}/invitations/{invitation}/revoke", Need.OWNER, this::revokeInvitation);
    router.post("/w/{workspace}/members/{account}/role", Need.OWNER, this::changeRole);
    router.post("/w/{workspace}/members/{account}/remove", Need.OWNER, this::remove);
    router.post("/w/{workspace}/members/{account}/reset-link", Need.OWNER, this::resetLink);
  }

  /** A password reset link for a member, for the owner to hand over (shown once). */
  private void resetLink(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    long accountId = longParam(ctx, "account");
    Account target =
        accounts
            .find(accountId)
            .orElseThrow(() -> Refusal.notFound("This person is not a member."));
    long owner = access.account(ctx).id();
    memberships.requirePasswordResettable(workspace, accountId, target, owner);
    String url = resets.issue(accountId, owner);
    ctx.header("Cache-Control", "no-store");
    render(ctx, 200, null, null, null, false, url, target.displayName());
  }

  private void members(Context ctx) {
    show(ctx, 200, null, null, null);
  }

  private void invite(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    String email = Forms.text(ctx, "email");
    try {
      Role role = role(ctx);
      String token = memberships.invite(workspace, email, role, access.account(ctx).id());
      String url = baseUrl + "/invitations/" + token;
      boolean mailed =
          mail.send(
              email.strip(),
              workspace.name(),
              access.account(ctx).displayName(),
              url,
              access.chrome(ctx).lang());
      ctx.header("Cache-Control", "no-store");
      render(ctx, 200, url, email.strip(), null, mailed, null, null);
    } catch (Refusal refusal) {
      show(ctx, WebServer.status(refusal), null, null, refusal.getMessage());
    }
  }

  private void revokeInvitation(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    long id = longParam(ctx, "invitation");
    Invitation invitation =
        memberships.pendingInvitations(workspace).stream()
            .filter(i -> i.id() == id)
            .findFirst()
            .orElseThrow(() -> Refusal.notFound("There is no pending invitation " + id + "."));
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.revokeInvitation", invitation.email()),
        c.t("members.revoke"),
        membersUrl(workspace))) {
      return;
    }
    memberships.revokeInvitation(workspace, id, access.account(ctx).id());
    backToMembers(ctx);
  }

  private void changeRole(Context ctx) {
    int links =
        memberships.changeRole(
            access.workspace(ctx), longParam(ctx, "account"), role(ctx), access.account(ctx).id());
    if (links > 0) {
      ctx.redirect(
          "/w/" + access.workspace(ctx).slug() + "/members?demoted=" + links, HttpStatus.SEE_OTHER);
      return;
    }
    backToMembers(ctx);
  }

  private void remove(Context ctx) {
    Workspace workspace = access.workspace(ctx);
    long accountId = longParam(ctx, "account");
    Member member =
        memberships.members(workspace).stream()
            .filter(m -> m.accountId() == accountId)
            .findFirst()
            .orElseThrow(() -> Refusal.notFound("This person is not a member."));
    Chrome c = access.chrome(ctx);
    if (!Confirmation.given(
        ctx,
        templates,
        c,
        c.t("confirm.removeMember", member.displayName(), workspace.name()),
        c.t("members.remove"),
        membersUrl(workspace))) {
      return;
    }
    int links = memberships.remove(workspace, accountId, access.account(ctx).id());
    ctx.redirect(
        "/w/" + access.workspace(ctx).slug() + "/members?removed=" + links, HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, int status, String url, String email, String error) {
    render(ctx, status, url, email, error, false, null, null);
  }

  private void render(
      Context ctx,
      int status,
      String url,
      String email,
      String error,
      boolean mailed,
      String resetUrl,
      String resetName) {
    Workspace workspace = access.workspace(ctx);
    templates.render(
        ctx,
        status,
        "workspace/members.jte",
        new MembersPage(
            access.chrome(ctx),
            workspace,
            memberships.members(workspace),
            memberships.pendingInvitations(workspace),
            access.account(ctx).id(),
            url,
            email,
            error,
            count(ctx, "removed"),
            count(ctx, "demoted"),
            mailed,
            resetUrl,
            resetName));
  }

  /** The count of links revoked carried by the redirect after a removal or a role change. */
  private static Integer count(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value != null && value.matches("\\d{1,6}") ? Integer.valueOf(value) : null;
  }

  private static String membersUrl(Workspace workspace) {
    return "/w/" + workspace.slug() + "/members";
  }

  private void backToMembers(Context ctx) {
    ctx.redirect("/w/" + access.workspace(ctx).slug() + "/members", HttpStatus.SEE_OTHER);
  }

  private static Role role(Context ctx) {
    String value = Forms.text(ctx, "role").toUpperCase(Locale.ROOT);
    try {
      return Role.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("Choose a role: owner, editor, assistant or recruiter.");
    }
  }

  private static long longParam(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("There is no page at this address.");
    }
  }
}
