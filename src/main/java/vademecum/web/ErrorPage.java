package vademecum.web;

import vademecum.kernel.Nullable;

/**
 * Any 4xx or 5xx answer shown to a person: what happened and a way back, and the text they were
 * sending when it is not saved for a reason of no one field (their session ended, the form's token
 * expired), to copy before they go on.
 */
public record ErrorPage(
    Chrome chrome,
    int status,
    String title,
    String message,
    String backUrl,
    String backLabel,
    @Nullable Kept kept) {

  /** A text that was sent and not saved, with what to do with it. */
  public record Kept(String title, String explain, String text) {}
}
