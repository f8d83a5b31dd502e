package vademecum.share;

import java.time.OffsetDateTime;
import java.util.List;
import vademecum.web.Chrome;
import vademecum.workspace.Workspace;

/** One share link: what it shows, its status, and its latest openings. */
public record ShareLinkPage(
    Chrome chrome,
    Workspace workspace,
    ShareLink link,
    List<ShareRepository.Opening> openings,
    OffsetDateTime now) {}
