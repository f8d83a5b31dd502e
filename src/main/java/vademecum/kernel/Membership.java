package vademecum.kernel;

/** One of the reader's workspaces and their role there (the workspace switcher). */
public record Membership(long workspaceId, String slug, String name, Role role) {}
