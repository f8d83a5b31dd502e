package vademecum.manual;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * A refused save: what the other person changed since the user's base revision, and the user's own
 * text, intact, in an editor based on the latest revision so that it can be merged and saved. Their
 * new title or tags are shown too ({@code base}: the revision the user started from), and are in
 * the form where the user had left them as they were.
 */
public record ConflictPage(
    Chrome chrome,
    Workspace workspace,
    String manualSlug,
    Revision latest,
    Integer baseNumber,
    @Nullable Revision base,
    Changes theirChanges,
    Changes mineAgainstLatest,
    EditPage editor,
    String manualLanguage,
    @Nullable String startLanguage) {

  /** The manual's language changed since the person's form was opened. */
  public boolean languageChanged() {
    return startLanguage != null && !startLanguage.equals(manualLanguage);
  }

  public boolean titleChanged() {
    return base != null && !base.title().equals(latest.title());
  }

  public boolean tagsChanged() {
    return base != null && !base.tags().equals(latest.tags());
  }
}
