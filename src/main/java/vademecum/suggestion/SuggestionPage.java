package vademecum.suggestion;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * One suggestion: its changes (rebased, or in conflict), and the decision for those who take it.
 */
public record SuggestionPage(
    Chrome chrome,
    Workspace workspace,
    SuggestionService.Review review,
    boolean canDecide,
    boolean isAuthor,
    @Nullable String error,
    boolean latestPublished) {
  public Suggestion suggestion() {
    return review.suggestion();
  }

  public boolean open() {
    return suggestion().status() == Suggestion.Status.OPEN;
  }
}
