package vademecum.workspace;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
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
  private final Access access;
  private final Templates templates;
  private final String baseUrl;

  public MemberRoutes(
      MembershipService memberships, Access access, Templates templates, String baseUrl) {
    this.memberships = memberships;
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
      show(ctx, 200, baseUrl + "/invitations/" + token, email.strip(), null);
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
    memberships.changeRole(
        access.workspace(ctx), longParam(ctx, "account"), role(ctx), access.account(ctx).id());
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
            removedLinks(ctx)));
  }

  /** The count carried by the redirect after a removal, if any. */
  private static Integer removedLinks(Context ctx) {
    String removed = ctx.queryParam("removed");
    return removed != null && removed.matches("\\d{1,6}") ? Integer.valueOf(removed) : null;
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
