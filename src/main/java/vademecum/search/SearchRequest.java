package vademecum.search;

import java.util.Map;
import java.util.Set;

/**
 * A search by one person: {@code allowedWorkspaces} are the workspaces they belong to, and the
 * optional filters narrow within them. {@code synonyms}: the list of each workspace that has its
 * own (over the built-in one); the others use the built-in list. {@code withoutFaq}: the workspaces
 * whose public questions and answers this reader may not see (a recruiter's).
 */
public record SearchRequest(
    String query,
    Set<String> allowedWorkspaces,
    String workspace,
    String manual,
    String tag,
    int limit,
    int offset,
    Map<String, Synonyms> synonyms,
    Set<String> withoutFaq) {

  /** A search where every workspace uses the built-in synonyms. */
  public SearchRequest(
      String query,
      Set<String> allowedWorkspaces,
      String workspace,
      String manual,
      String tag,
      int limit,
      int offset) {
    this(query, allowedWorkspaces, workspace, manual, tag, limit, offset, Map.of(), Set.of());
  }

  /** The workspaces searched: the one filtered on, or all the reader's. */
  public Set<String> searched() {
    return workspace == null || workspace.isBlank()
        ? allowedWorkspaces
        : allowedWorkspaces.contains(workspace) ? Set.of(workspace) : Set.of();
  }
}
