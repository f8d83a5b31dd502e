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

  /** What the workspace's list is now, as a token a later import gives back ({@code base}). */
  String synonymsBase(Workspace workspace);

  /**
   * Replaces the workspace's list with the imported one if it is still the list the import's
   * preview saw ({@code base}); false, and nothing written, when someone saved it since.
   */
  boolean importSynonyms(Workspace workspace, Actor actor, String text, String base);
}
