package vademecum.workspace;

import java.util.List;

/** The start page: the workspaces the reader works in. */
public record HomePage(List<WorkspaceRepository.WorkspaceSummary> workspaces) {}
