package vademecum.manual;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.markdown.Section;

/**
 * A manual as one reader sees it: the revision shown, its safe HTML and its procedures.
 *
 * @param latestNumber the newest revision, shown to editors only
 * @param publishedNumber null while the manual was never published
 */
public record ManualView(
    Workspace workspace,
    Manual manual,
    Revision revision,
    String html,
    List<Section> procedures,
    int latestNumber,
    Integer publishedNumber) {

  public boolean showsLatest() {
    return revision.number() == latestNumber;
  }

  public boolean showsPublished() {
    return publishedNumber != null && revision.number() == publishedNumber;
  }
}
