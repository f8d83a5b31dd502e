package vademecum.question;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** One question and its messages, with what this reader may do on it. */
public record ThreadPage(
    Chrome chrome,
    Workspace workspace,
    QuestionService.Thread thread,
    boolean canEdit,
    boolean isAsker,
    String draft,
    @Nullable String error,
    int maxFileBytes) {
  public Question question() {
    return thread.question();
  }

  /** Owners, editors and the asker write on a question; other readers only read a public one. */
  public boolean canWrite() {
    return canEdit || isAsker;
  }

  public String base() {
    return question().url();
  }
}
