package vademecum.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies are read from the import lines: a class named in full inside the code hides one from
 * a reader (the package graph test sees it, a newcomer does not).
 */
class ImportsTest {
  private static final Pattern INLINE =
      Pattern.compile(
          "(?<![\\w.@])(?:vademecum|java|javax|jakarta|org|com|io)(?:\\.[a-z_]\\w*)+\\.[A-Z]");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  @Test
  void classes_are_imported_not_named_in_full_inside_the_code() throws IOException {
    List<String> inline = new ArrayList<>();
    for (String root : List.of("src/main/java", "src/test/java", "src/bench/java")) {
      if (!Files.isDirectory(Path.of(root))) {
        continue;
      }
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("import ")
                || line.startsWith("package ")
                || line.startsWith("*")
                || line.startsWith("/*")
                || line.startsWith("//")) {
              continue;
            }
            if (INLINE.matcher(STRING.matcher(line).replaceAll("\"\"")).find()) {
              inline.add(file + ":" + (i + 1) + ": " + line);
            }
          }
        }
      }
    }
    assertEquals(List.of(), inline);
  }
}
