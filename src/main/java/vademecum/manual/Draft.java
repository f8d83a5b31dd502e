package vademecum.manual;

import java.util.List;

/**
 * What an editor (or an import) submits: the text and its metadata, the revision it started from,
 * and whether to publish it at once.
 *
 * @param baseNumber the latest revision when editing began; null only for a new manual
 */
public record Draft(
    String title,
    String language,
    List<String> tags,
    String description,
    String markdown,
    Integer baseNumber,
    String note,
    boolean minor,
    boolean publish) {}
