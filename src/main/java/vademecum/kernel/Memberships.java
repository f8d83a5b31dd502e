package vademecum.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An account's workspaces and roles there, as the web layer needs them (see {@link Sessions}). */
public interface Memberships {
  List<Membership> workspacesOf(long accountId);

  /**
   * Whether every workspace of {@code member} is one {@code owner} owns: the rule that lets an
   * owner hand a member a password reset link, checked when it is made and again when it is used.
   */
  default boolean ownsEveryWorkspaceOf(long owner, long member) {
    Set<Long> owned = new HashSet<>();
    for (Membership m : workspacesOf(owner)) {
      if (m.role() == Role.OWNER) {
        owned.add(m.workspaceId());
      }
    }
    return workspacesOf(member).stream().allMatch(m -> owned.contains(m.workspaceId()));
  }
}
