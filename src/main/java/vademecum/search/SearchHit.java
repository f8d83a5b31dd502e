package vademecum.search;

import java.util.List;
import vademecum.kernel.Nullable;

/**
 * One result. {@code snippet} is HTML: the text is escaped and the matched words are wrapped in
 * {@code <mark>}, nothing else.
 */
public record SearchHit(
    String workspace,
    String manual,
    String manualTitle,
    List<String> tags,
    String procedure,
    String title,
    @Nullable String sourcePath,
    String url,
    String snippet,
    float score) {}
