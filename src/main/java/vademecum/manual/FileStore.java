package vademecum.manual;

import java.util.Optional;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;

/**
 * The screenshots and files of a workspace, as imports and exports need them. The file feature
 * answers it; manuals only know the addresses their texts use.
 */
public interface FileStore {
  /**
   * Keeps these bytes as a file of the workspace (once, whatever the number of uses).
   *
   * @return the address a manual's text links it by
   * @throws vademecum.kernel.Refusal when the file is refused (its type, its size, a limit)
   */
  String keep(Workspace workspace, Actor actor, String name, byte[] bytes);

  /**
   * Keeps these bytes like {@link #keep} and gives the Markdown that shows them: an image, or a
   * link to download a file that is not one (a PDF sent where a screenshot was asked for).
   */
  String keepAsMarkdown(Workspace workspace, Actor actor, String name, byte[] bytes, String alt);

  /** A file of the workspace by its hash: the name its address carries and its original bytes. */
  Optional<Kept> kept(Workspace workspace, String sha256);

  record Kept(String name, byte[] bytes) {}
}
