package vademecum.ack;

import vademecum.workspace.Workspace;

/** The client's view of who has read what. */
public record DashboardPage(
    vademecum.web.Chrome chrome, Workspace workspace, Dashboard dashboard) {}
