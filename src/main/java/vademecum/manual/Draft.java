package vademecum.manual;

import java.util.List;

/**
 * What an editor (or an import) submits: the text and its metadata, the revision it started from,
 * and whether to publish it at once.
 *
 * @param language, tags, description null when saving keeps the manual's (the editor's form has no
 *     description field; an API client may send only the text)
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
    boolean publish) {

  /** This draft with what it leaves out (null) taken from the manual as it is. */
  Draft keeping(Revision latest, String manualLanguage) {
    return new Draft(
        title,
        language == null ? manualLanguage : language,
        tags == null ? latest.tags() : tags,
        description == null ? latest.description() : description,
        markdown,
        baseNumber,
        note,
        minor,
        publish);
  }
}
