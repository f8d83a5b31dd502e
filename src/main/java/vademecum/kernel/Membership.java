package vademecum.kernel;

/** One of the reader's workspaces and their role there (the workspace switcher). */
/** A workspace the account belongs to, with its role there and the workspace's time zone. */
public record Membership(long workspaceId, String slug, String name, Role role, String timeZone) {}
