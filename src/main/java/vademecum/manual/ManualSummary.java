package vademecum.manual;

import java.util.List;

/** A manual as listed in its workspace and by the {@code list} command. */
public record ManualSummary(
    String slug,
    String title,
    String language,
    List<String> tags,
    int latestNumber,
    Integer publishedNumber,
    int procedureCount,
    String sourcePath) {}
