package vademecum.ack;

import java.time.LocalDate;
import java.util.List;
import vademecum.kernel.Nullable;

/**
 * An open checklist run for the reader, as the inbox lists it (the runs feature answers which): the
 * place an assistant looks first shows the work due besides what to read.
 */
public record InboxRun(String title, String url, @Nullable LocalDate due, boolean overdue) {
  /** The runs open for an account. */
  @FunctionalInterface
  public interface Source {
    List<InboxRun> openFor(long accountId);
  }
}
