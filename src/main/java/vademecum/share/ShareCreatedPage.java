package vademecum.share;

import vademecum.web.Chrome;
import vademecum.workspace.Workspace;

/** The one time a link's full address is shown. */
public record ShareCreatedPage(Chrome chrome, Workspace workspace, ShareLink link, String url) {}
