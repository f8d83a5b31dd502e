package vademecum.manual;

import java.util.List;

/**
 * A manual as listed in its workspace and by the {@code list} command, with its place: its
 * collection (null for none) and its position there.
 */
public record ManualSummary(
    String slug,
    String title,
    String language,
    List<String> tags,
    int latestNumber,
    Integer publishedNumber,
    int procedureCount,
    String sourcePath,
    boolean archived,
    Long collectionId,
    int position) {}
