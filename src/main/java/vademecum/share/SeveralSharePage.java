package vademecum.share;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualSummary;
import vademecum.manual.Shelf;
import vademecum.web.Chrome;

/**
 * Sharing several manuals in one link: the workspace's published manuals by collection, to tick one
 * by one or a whole collection at a time.
 */
public record SeveralSharePage(
    Chrome chrome,
    Workspace workspace,
    Shelf shelf,
    ShareService.Request request,
    Long collection,
    int maxDays,
    String error) {

  public boolean chosen(String slug) {
    return request.manualSlugs().contains(slug);
  }

  /** Only published manuals can be shared. */
  public boolean shareable(ManualSummary manual) {
    return manual.publishedNumber() != null;
  }

  public List<Shelf.Group> groups() {
    return shelf.groups();
  }
}
