package vademecum.workspace;

import vademecum.kernel.Role;

/** A person in a workspace, as listed on its members page. */
public record Member(long accountId, String email, String displayName, Role role) {}
