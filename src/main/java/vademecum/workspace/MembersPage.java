package vademecum.workspace;

import java.util.List;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * The owner's view of who works in the workspace. {@code newInvitationUrl} is shown once, right
 * after an invitation is created, and is never stored. {@code revokedLinks}, right after a member
 * was removed: how many of the candidate links they had made stopped with them; {@code
 * demotedLinks}, the same after a role change took away their right to share. {@code mailed}: the
 * new invitation was also e-mailed. {@code resetUrl} is a password reset link made for {@code
 * resetName}, shown once.
 */
public record MembersPage(
    Chrome chrome,
    Workspace workspace,
    List<Member> members,
    List<Invitation> invitations,
    long selfId,
    String newInvitationUrl,
    String newInvitationEmail,
    String error,
    Integer revokedLinks,
    Integer demotedLinks,
    boolean mailed,
    String resetUrl,
    String resetName) {

  public List<Role> roles() {
    return List.of(Role.values());
  }
}
