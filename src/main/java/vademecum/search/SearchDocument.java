package vademecum.search;

import java.util.List;

/**
 * One searchable unit: a published procedure, or a manual's introduction ({@code procedureKey}
 * null), or a procedure's public questions and answers ({@code faq}: its FAQ, a document of its own
 * so that the readers who may not see it, recruiters, never find it). Built from PostgreSQL, never
 * edited in the index.
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
    String text,
    boolean faq) {}
