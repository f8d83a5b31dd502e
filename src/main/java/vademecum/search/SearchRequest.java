package vademecum.search;

import java.util.Set;

/**
 * A search by one person: {@code allowedWorkspaces} are the workspaces they belong to, and the
 * optional filters narrow within them.
 */
public record SearchRequest(
    String query,
    Set<String> allowedWorkspaces,
    String workspace,
    String manual,
    String tag,
    int limit,
    int offset) {}
