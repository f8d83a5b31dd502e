package vademecum.manual;

/** A manual row: pointers to its latest and its published revision (null while only drafts). */
public record Manual(
    long id,
    long workspaceId,
    String slug,
    String language,
    String sourcePath,
    Long latestRevisionId,
    Long publishedRevisionId) {

  public boolean isPublished() {
    return publishedRevisionId != null;
  }
}
