package vademecum.share;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** Every share link of a workspace with its status and use. */
public record ShareListPage(
    Chrome chrome,
    Workspace workspace,
    List<ShareLink> links,
    Set<Long> showingNothing,
    OffsetDateTime now) {}
