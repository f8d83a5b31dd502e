package vademecum.search;

/**
 * One result. {@code snippet} is HTML: the text is escaped and the matched words are wrapped in
 * {@code <mark>}, nothing else.
 */
public record SearchHit(
    String workspace,
    String manual,
    String manualTitle,
    String procedure,
    String title,
    String sourcePath,
    String url,
    String snippet,
    float score) {}
