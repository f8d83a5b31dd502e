package vademecum.workspace;

import java.util.List;
import vademecum.kernel.Membership;

/** The start page: the workspaces the reader belongs to, with their role in each. */
public record HomePage(vademecum.web.Chrome chrome, List<Membership> workspaces) {}
