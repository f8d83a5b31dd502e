package vademecum.workspace;

import java.util.List;
import java.util.Map;
import vademecum.kernel.Membership;
import vademecum.kernel.ReadingProgress;
import vademecum.web.Chrome;

/** The start page: the workspaces the reader belongs to, with their role in each. */
public record HomePage(
    Chrome chrome, List<Membership> workspaces, Map<String, ReadingProgress> reading) {}
