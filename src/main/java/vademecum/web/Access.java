package vademecum.web;

import io.javalin.http.Context;
import vademecum.account.Actor;
import vademecum.workspace.Role;
import vademecum.workspace.Workspace;

/**
 * Who is asking and what they may do in a workspace. Sign-in does not exist yet: every request acts
 * as the system account with the owner's role. This is the single place the next step (accounts and
 * memberships) replaces.
 */
public final class Access {

  public Actor actor(Context ctx) {
    return Actor.SYSTEM;
  }

  public Role role(Context ctx, Workspace workspace) {
    return Role.OWNER;
  }
}
