package vademecum.question;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * A workspace's questions: all of them for owners and editors, the reader's own for assistants,
 * those with an answer not read yet marked; with no workspace, the reader's own across all.
 */
public record QuestionsPage(
    Chrome chrome,
    @Nullable Workspace workspace,
    List<Question> questions,
    List<Long> unseen,
    @Nullable Question.Status status,
    boolean canEdit) {
  public boolean isUnseen(Question question) {
    return unseen.contains(question.id());
  }

  public String filterUrl(@Nullable Question.Status filter) {
    String base = workspace == null ? "/questions" : "/w/" + workspace.slug() + "/questions";
    return filter == null ? base : base + "?status=" + filter.column();
  }
}
