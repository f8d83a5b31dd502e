package vademecum.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a test or benchmark needs to start another JVM on its own classes. */
public final class ChildJvm {
  private ChildJvm() {}

  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** exec:java runs us in a class loader of its own; the child gets the same class path. */
  public static String classPath() {
    List<String> entries = new ArrayList<>();
    for (ClassLoader loader = ChildJvm.class.getClassLoader();
        loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL entry : urls.getURLs()) {
          try {
            entries.add(Path.of(entry.toURI()).toString());
          } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return entries.isEmpty()
        ? System.getProperty("java.class.path")
        : String.join(File.pathSeparator, entries);
  }
}
