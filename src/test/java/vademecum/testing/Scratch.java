package vademecum.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories that are deleted when the JVM ends: a test run leaves about a gigabyte of
 * data directories and search indexes otherwise, and a benchmark run several hundred megabytes.
 */
public final class Scratch {
  private static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> DIRECTORIES.forEach(Scratch::delete), "scratch-cleanup"));
  }

  private Scratch() {}

  /** Like {@link Files#createTempDirectory(String, java.nio.file.attribute.FileAttribute[])}. */
  public static Path directory(String prefix) throws IOException {
    Path directory = Files.createTempDirectory(prefix);
    DIRECTORIES.add(directory);
    return directory;
  }

  /** Deletes a tree as far as it can: what a process still holds open is left for the next run. */
  public static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(directory)) {
      tree.sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // Left behind; the temporary directory's owner may clean it.
                }
              });
    } catch (IOException | RuntimeException e) {
      // Same: a best effort at exit.
    }
  }
}
