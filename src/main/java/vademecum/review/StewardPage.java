package vademecum.review;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** A manual's owner, review interval, open flags and past reviews; {@code done} after a change. */
public record StewardPage(
    Chrome chrome,
    Workspace workspace,
    ReviewService.Overview overview,
    @Nullable String error,
    boolean done) {
  public String base() {
    return "/w/" + workspace.slug() + "/m/" + overview.manual().manual().slug();
  }

  /** The intervals the form offers, in months (or none). */
  public List<Integer> intervals() {
    return List.of(1, 3, 6, 12, 24);
  }

  public boolean owns(long accountId) {
    Long owner = overview.steward().ownerId();
    return owner != null && owner == accountId;
  }
}
