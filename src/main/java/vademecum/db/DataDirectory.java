package vademecum.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds the database's files, its passwords and the search index, whose stored
 * fields are every workspace's procedures in full: it is its owner's alone, as PostgreSQL requires
 * of its own directory, whatever the umask left it.
 */
public final class DataDirectory {
  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private DataDirectory() {}

  public static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
      if (!now.equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
        log.info(
            "Data directory {} made private ({} → rwx------)",
            dir,
            PosixFilePermissions.toString(now));
      }
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: its own access rules apply.
    } catch (IOException e) {
      if (Files.isDirectory(dir)) {
        // Another account owns it (a mounted volume): it works, but others may read it.
        log.warn("Data directory {} could not be made private: {}", dir, e.toString());
        return;
      }
      throw new UncheckedIOException("Cannot create the data directory " + dir, e);
    }
  }
}
