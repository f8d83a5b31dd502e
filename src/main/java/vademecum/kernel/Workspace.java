package vademecum.kernel;

/** One client's space: its manuals and the people who work with them. */
public record Workspace(long id, String slug, String name) {}
