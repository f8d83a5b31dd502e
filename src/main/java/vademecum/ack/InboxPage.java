package vademecum.ack;

import java.util.List;
import vademecum.web.Chrome;

/**
 * The reader's procedures to read, across all their clients; {@code done} is how many the last bulk
 * confirmation recorded, or null; {@code unseenAnswers} how many of the reader's questions have an
 * answer they have not read.
 */
public record InboxPage(
    Chrome chrome,
    List<AckService.InboxItem> items,
    Integer done,
    int unseenAnswers,
    List<InboxRun> runs) {

  /** Whether some item must be opened before it can be ticked. */
  public boolean anyUnopened() {
    return items.stream().anyMatch(item -> !item.opened());
  }

  /** Whether any item can be ticked (its text was opened). */
  public boolean anyOpened() {
    return items.stream().anyMatch(AckService.InboxItem::opened);
  }
}
