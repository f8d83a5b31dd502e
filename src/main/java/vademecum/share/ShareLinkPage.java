package vademecum.share;

import java.time.OffsetDateTime;
import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** One share link: what it shows (its procedures by title), its status, and its latest openings. */
public record ShareLinkPage(
    Chrome chrome,
    Workspace workspace,
    ShareLink link,
    List<ShareRepository.Opening> openings,
    List<String> procedureTitles,
    boolean showsNothing,
    OffsetDateTime now) {}
