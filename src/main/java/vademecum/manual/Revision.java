package vademecum.manual;

import java.time.OffsetDateTime;
import java.util.List;

/** An immutable snapshot of a manual. */
public record Revision(
    long id,
    long manualId,
    int number,
    Integer baseNumber,
    String title,
    String description,
    List<String> tags,
    String markdown,
    int procedureCount,
    long authorId,
    String authorName,
    String note,
    boolean minor,
    OffsetDateTime createdAt) {}
