package vademecum.manual;

import vademecum.web.Chrome;

/** The editor's note about a newer revision; {@code newer} is null while there is none. */
public record NewerRevisionNote(Chrome chrome, Revision newer) {}
