package vademecum.manual;

import java.util.List;
import java.util.Objects;
import vademecum.markdown.LineEnds;

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

  /** Whatever sent it (form, API, import, suggestion), the text's lines end with {@code \n}. */
  public Draft {
    markdown = LineEnds.unix(markdown);
  }

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

  /**
   * This draft, refused because {@code latest} was saved after {@code base}, the revision it was
   * edited from: the fields it left as they were at {@code base} take what was saved since. Saving
   * the conflict page's form again then keeps someone else's new title or tags instead of putting
   * the old ones back. (The text is the person's own; they merge it by reading the changes.)
   */
  Draft rebasedOnto(Revision base, Revision latest) {
    return new Draft(
        title.equals(base.title()) ? latest.title() : title,
        language,
        tags.equals(base.tags()) ? latest.tags() : tags,
        Objects.equals(description, base.description()) ? latest.description() : description,
        markdown,
        baseNumber,
        note,
        minor,
        publish);
  }

  /** This draft in another language. */
  Draft withLanguage(String other) {
    return new Draft(title, other, tags, description, markdown, baseNumber, note, minor, publish);
  }

  /** This draft with another text. */
  Draft withMarkdown(String text) {
    return new Draft(title, language, tags, description, text, baseNumber, note, minor, publish);
  }
}
