package vademecum.markdown;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The files a text uses: the SHA-256 in each address of a workspace file that it contains. */
public final class FileRefs {
  private static final Pattern ADDRESS = Pattern.compile("/files/([0-9a-f]{64})(?=[/)\\s?#]|$)");

  private FileRefs() {}

  public static Set<String> in(String markdown) {
    Set<String> hashes = new LinkedHashSet<>();
    ADDRESS.matcher(markdown).results().forEach(m -> hashes.add(m.group(1)));
    return hashes;
  }
}
