package vademecum.workspace;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualSummary;
import vademecum.web.Chrome;

/** A workspace's home: its manuals as the reader may see them. */
public record WorkspacePage(
    Chrome chrome,
    Workspace workspace,
    List<ManualSummary> manuals,
    boolean canEdit,
    boolean isOwner,
    boolean canShare) {}
