package vademecum.workspace;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualSummary;

/** A workspace's home: its manuals as the reader may see them. */
public record WorkspacePage(
    vademecum.web.Chrome chrome,
    Workspace workspace,
    List<ManualSummary> manuals,
    boolean canEdit,
    boolean isOwner,
    boolean canShare) {}
