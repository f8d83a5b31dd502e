package vademecum.manual;

import vademecum.kernel.Refusal;

/**
 * Someone saved since the editor opened the manual: nothing was written, and both texts travel with
 * the refusal so the page can show them side by side.
 */
public final class EditConflict extends Refusal.Conflict {
  public final Revision latest;
  public final Draft draft;

  public EditConflict(Revision latest, Draft draft) {
    super(
        "Revision %d was saved by %s after you started editing revision %s."
            .formatted(latest.number(), latest.authorName(), draft.baseNumber()));
    this.latest = latest;
    this.draft = draft;
  }
}
