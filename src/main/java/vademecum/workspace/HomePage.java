package vademecum.workspace;

import java.util.List;
import vademecum.kernel.Membership;
import vademecum.web.Chrome;

/** The start page: the workspaces the reader belongs to, with their role in each. */
public record HomePage(Chrome chrome, List<Membership> workspaces) {}
