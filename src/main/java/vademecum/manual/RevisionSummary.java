package vademecum.manual;

import java.time.OffsetDateTime;

/** One line of a manual's history. */
public record RevisionSummary(
    int number,
    String title,
    String authorName,
    String note,
    boolean minor,
    OffsetDateTime createdAt,
    boolean everPublished,
    boolean currentlyPublished) {}
