package vademecum.workspace;

import java.util.List;
import vademecum.kernel.Nullable;
import vademecum.kernel.ReadingProgress;
import vademecum.kernel.Workspace;
import vademecum.manual.ManualTemplates;
import vademecum.manual.Shelf;
import vademecum.web.Chrome;

/**
 * A workspace's home: its manuals as the reader may see them, by collection.
 *
 * @param reading how far the reader is through the procedures to confirm, if they have any
 * @param organizing editors asked for the controls that order and group manuals ({@code ?organize})
 * @param error why the last collection change was refused, shown beside the name as it was typed
 * @param notice what the last action did
 */
public record WorkspacePage(
    Chrome chrome,
    Workspace workspace,
    Shelf shelf,
    boolean canEdit,
    boolean isOwner,
    boolean canShare,
    @Nullable ReadingProgress reading,
    boolean organizing,
    @Nullable String error,
    @Nullable String collectionName,
    @Nullable String notice) {

  public String base() {
    return "/w/" + workspace.slug();
  }

  /** The page narrowed to the manuals that carry {@code tag}. */
  public String tagUrl(String tag) {
    return Shelf.tagUrl(workspace.slug(), tag);
  }

  /** The starting points an empty workspace offers its editors. */
  public List<ManualTemplates.Entry> templates() {
    return ManualTemplates.all();
  }
}
