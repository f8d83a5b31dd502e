package vademecum.manual;

import io.javalin.http.Context;
import vademecum.kernel.Refusal;
import vademecum.markdown.LineEnds;
import vademecum.markdown.Tags;
import vademecum.web.Forms;

/**
 * The editor's fields as the browser sends them, decoded and checked in one place. The editor page
 * shows them back exactly as typed after a refusal (tags included), so nothing the person wrote is
 * lost.
 *
 * @param baseNumber the revision the text started from; null when creating a manual
 * @param publish the "save and publish" button was used
 */
public record ManualForm(
    String title,
    String language,
    String tags,
    String markdown,
    Integer baseNumber,
    String note,
    boolean minor,
    boolean publish,
    String startLanguage) {

  /** A new manual, blank or from a template. */
  static ManualForm starting(ManualTemplates.Starter starter) {
    return new ManualForm(
        starter.title(),
        starter.language(),
        "",
        starter.markdown(),
        null,
        "",
        false,
        false,
        starter.language());
  }

  /** Editing from the latest revision. */
  static ManualForm editing(Revision latest, String language) {
    return new ManualForm(
        latest.title(),
        language,
        String.join(", ", latest.tags()),
        latest.markdown(),
        latest.number(),
        "",
        false,
        false,
        language);
  }

  /**
   * The text of a save that met a newer revision, to be saved again over that one; {@code
   * manualLanguage} is the manual's language now, which the form starts from.
   */
  static ManualForm rebased(Draft mine, int latestNumber, String manualLanguage) {
    return new ManualForm(
        mine.title(),
        mine.language(),
        String.join(", ", mine.tags()),
        mine.markdown(),
        latestNumber,
        mine.note(),
        mine.minor(),
        false,
        manualLanguage);
  }

  /**
   * The posted editor: invalid UTF-8 and NUL are refused, line ends are normalised; a save must say
   * which revision it started from, so that a save over someone else's is a conflict.
   */
  static ManualForm read(Context ctx, boolean saving) {
    Forms.requireUtf8(ctx);
    Integer base = saving ? Forms.integer(ctx, "base") : null;
    if (saving && base == null) {
      throw Refusal.badRequest("The revision this text started from is missing.");
    }
    return new ManualForm(
        Forms.text(ctx, "title").strip(),
        Forms.text(ctx, "language"),
        Forms.text(ctx, "tags"),
        LineEnds.unix(Forms.text(ctx, "markdown")),
        base,
        Forms.text(ctx, "note").strip(),
        Forms.checked(ctx, "minor"),
        "publish".equals(ctx.formParam("action")),
        // The language the form was opened with, kept through a refused save: what tells a
        // language the person chose from one they left as it was.
        Forms.text(ctx, "startLanguage").isBlank()
            ? Forms.text(ctx, "language")
            : Forms.text(ctx, "startLanguage"));
  }

  Draft toDraft() {
    // The form has no description field (an import or the API sets it): null keeps it.
    return new Draft(
        title, language, Tags.parse(tags), null, markdown, baseNumber, note, minor, publish);
  }
}
