package vademecum.search;

import java.util.List;

/**
 * One searchable unit: a published procedure, or a manual's introduction ({@code procedureKey}
 * null). Built from PostgreSQL, never edited in the index.
 */
record SearchDocument(
    String id,
    long manualId,
    String workspaceSlug,
    String manualSlug,
    String manualTitle,
    String language,
    List<String> tags,
    String sourcePath,
    String procedureKey,
    String title,
    int version,
    String text) {}
