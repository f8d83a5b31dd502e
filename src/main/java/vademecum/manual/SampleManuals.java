package vademecum.manual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import vademecum.kernel.Actor;
import vademecum.kernel.Workspace;

/**
 * The manuals of {@code manuals/} (packed in the jar), loaded into a demo workspace when an
 * instance starts with no workspace at all. Loading goes through the importer, keyed by source
 * path, so it can never create duplicates.
 */
public final class SampleManuals {
  public static final String WORKSPACE_SLUG = "cabinet-moreau";
  public static final String WORKSPACE_NAME = "Cabinet Moreau Conseil";

  private final ManualImporter importer;

  public SampleManuals(ManualImporter importer) {
    this.importer = importer;
  }

  public List<ManualImporter.Outcome> load(Workspace workspace) {
    List<ManualImporter.Outcome> outcomes = new ArrayList<>();
    withSampleDirectory(
        dir -> {
          try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
              outcomes.add(
                  importer.importOne(
                      workspace,
                      file.getFileName().toString(),
                      Files.readAllBytes(file),
                      Optional.empty(),
                      Actor.SYSTEM));
            }
          }
        });
    return outcomes;
  }

  private interface DirectoryAction {
    void run(Path directory) throws IOException;
  }

  private static void withSampleDirectory(DirectoryAction action) {
    URL url = SampleManuals.class.getClassLoader().getResource("sample-manuals");
    if (url == null) {
      return;
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          action.run(jar.getPath("/sample-manuals"));
        }
      } else {
        action.run(Path.of(uri));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
