package vademecum.kernel;

import java.util.List;

/** An account's workspaces and roles there, as the web layer needs them (see {@link Sessions}). */
public interface Memberships {
  List<Membership> workspacesOf(long accountId);
}
