package vademecum.manual;

import java.time.OffsetDateTime;

/**
 * A manual row: pointers to its latest and its published revision (null while only drafts), and
 * when it was archived or deleted (null when it was not).
 */
public record Manual(
    long id,
    long workspaceId,
    String slug,
    String language,
    String sourcePath,
    Long latestRevisionId,
    Long publishedRevisionId,
    OffsetDateTime archivedAt,
    OffsetDateTime deletedAt) {

  public boolean isPublished() {
    return publishedRevisionId != null;
  }

  public boolean isArchived() {
    return archivedAt != null;
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }
}
