package vademecum.workspace;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.kernel.ReadingProgress;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualSummary;
import vademecum.web.Chrome;

/**
 * A workspace's home: its manuals as the reader may see them.
 *
 * @param reading how far the reader is through the procedures to confirm, if they have any
 */
public record WorkspacePage(
    Chrome chrome,
    Workspace workspace,
    List<ManualSummary> manuals,
    boolean canEdit,
    boolean isOwner,
    boolean canShare,
    @Nullable ReadingProgress reading) {}
