package vademecum.share;

import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** The one time a link's full address is shown. */
public record ShareCreatedPage(Chrome chrome, Workspace workspace, ShareLink link, String url) {}
