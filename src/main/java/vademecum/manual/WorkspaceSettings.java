package vademecum.manual;

import java.util.Optional;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;

/**
 * What a workspace keeps besides its manuals and travels with them in an export and an import: its
 * synonyms, as {@code synonyms.txt} at the archive's root. The search feature answers it.
 */
public interface WorkspaceSettings {
  /** The file's name in an archive. */
  String SYNONYMS = "synonyms.txt";

  /** The workspace's own synonym list, if it has one. */
  Optional<String> synonyms(Workspace workspace);

  /**
   * Refuses a list that cannot be read, naming the file and the line, before anything is imported.
   */
  void checkSynonyms(String text);

  /** Replaces the workspace's list with the imported one. */
  void importSynonyms(Workspace workspace, Actor actor, String text);
}
