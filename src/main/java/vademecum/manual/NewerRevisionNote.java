package vademecum.manual;

/** The editor's note about a newer revision; {@code newer} is null while there is none. */
public record NewerRevisionNote(vademecum.web.Chrome chrome, Revision newer) {}
