package vademecum.manual;

/** A named group of a workspace's manuals, listed at its position on the workspace page. */
public record ManualCollection(long id, String name, int position) {}
