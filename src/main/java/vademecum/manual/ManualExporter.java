package vademecum.manual;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.markdown.FrontMatter;

/**
 * Manuals out of Vademecum as Markdown files with front matter, which {@code import} reads back
 * into the same manuals with the same procedure keys: one manual, a whole workspace (with an {@code
 * index.json}), or every revision of a manual.
 */
public final class ManualExporter {
  /**
   * A file of an export: its path inside the archive or folder, and where its bytes come from. A
   * screenshot's are read when it is written, one at a time: a workspace may hold gigabytes of
   * files, which an export read whole into the server's small heap.
   */
  public record ExportedFile(String path, Supplier<byte[]> source) {
    static ExportedFile text(String path, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      return new ExportedFile(path, () -> bytes);
    }

    public byte[] content() {
      return source.get();
    }

    public String text() {
      return new String(content(), StandardCharsets.UTF_8);
    }
  }

  /** Called after each manual, for progress bars. */
  public interface Listener {
    void exported(int done, int total, String path);
  }

  private final ManualService manuals;
  private final FileStore store;

  private final WorkspaceSettings settings;

  public ManualExporter(ManualService manuals, FileStore store, WorkspaceSettings settings) {
    this.settings = settings;
    this.manuals = manuals;
    this.store = store;
  }

  /** Front matter {@code status} of a manual readers cannot see; imported, it stays a draft. */
  public static final String DRAFT = "draft";

  public static final String ARCHIVED = "archived";

  /**
   * A revision of a manual, with its title, language, tags and description on top, and its status
   * when readers cannot see it.
   */
  public String markdown(Manual manual, Revision revision, String path) {
    Map<String, Object> front = new LinkedHashMap<>();
    front.put("title", revision.title());
    front.put("language", manual.language());
    if (!revision.tags().isEmpty()) {
      front.put("tags", revision.tags());
    }
    if (revision.description() != null && !revision.description().isBlank()) {
      front.put("description", revision.description());
    }
    // What readers must not see stays so when the file is imported again (elsewhere too): an
    // archived manual, or text that is not the published one, comes back as a draft.
    if (manual.isArchived()) {
      front.put("status", ARCHIVED);
    } else if (!Objects.equals(manual.publishedRevisionId(), revision.id())) {
      front.put("status", DRAFT);
    }
    // A manual written in Vademecum has no file it came from: its address lets an import of this
    // export find it again instead of creating a second one. (Written for every manual, so that
    // an export imported elsewhere exports again to the same bytes.)
    front.put("slug", manual.slug());
    // The file it was imported from, when this file's name ({@code path}) is another (see pathOf,
    // a download named after the slug): importing the export again updates that manual, not a
    // copy of it.
    if (manual.sourcePath() != null && !manual.sourcePath().equals(path)) {
      front.put("source", manual.sourcePath());
    }
    // What tells an import this is Vademecum's text, stored as written: no cleaning as another
    // generator's output, and the slug is a manual's address here.
    front.put("generator", FrontMatter.VADEMECUM);
    return frontMatter(front) + trimmed(revision.markdown());
  }

  /**
   * The text without blank lines before it or white space after it, and one line end: the first
   * line's own indentation stays (it makes an indented code block).
   */
  static String trimmed(String markdown) {
    int start = 0;
    for (int i = 0; i < markdown.length(); i++) {
      char c = markdown.charAt(i);
      if (c == '\n') {
        start = i + 1;
      } else if (!Character.isWhitespace(c)) {
        break;
      }
    }
    return markdown.substring(start).stripTrailing() + "\n";
  }

  /**
   * Every manual of the workspace (its published revision, and a newer draft beside it; the latest
   * for a manual never published or archived) and an index of them.
   */
  public List<ExportedFile> workspace(Workspace workspace, Listener listener) {
    List<ManualSummary> summaries = manuals.list(workspace, Role.OWNER);
    List<ExportedFile> files = new ArrayList<>();
    List<Map<String, Object>> index = new ArrayList<>();
    Set<String> taken = new HashSet<>(Set.of("index.json"));
    Attachments attachments = new Attachments(workspace);
    for (ManualSummary summary : summaries) {
      Manual manual = manuals.require(workspace, summary.slug());
      Revision latest = manuals.latest(manual);
      String path = unique(pathOf(manual), taken);
      // The manual's file holds what readers read; a newer draft goes beside it as text that no
      // import takes (".draft.txt"). Exporting the draft alone lost the published text: imported
      // elsewhere, the manual came back unpublished, hidden from every assistant.
      Revision published =
          manual.isPublished() && !manual.isArchived()
              ? manuals.revision(manual, summary.publishedNumber())
              : null;
      Revision shown = published == null ? latest : published;
      files.add(ExportedFile.text(path, attachments.relink(markdown(manual, shown, path), path)));
      String draftPath = null;
      if (published != null && published.id() != latest.id()) {
        // Unique already: a manual's own path ends in ".md".
        draftPath = path.substring(0, path.length() - ".md".length()) + ".draft.txt";
        taken.add(draftPath.toLowerCase(Locale.ROOT));
        files.add(
            ExportedFile.text(
                draftPath, attachments.relink(markdown(manual, latest, path), draftPath)));
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", path);
      if (draftPath != null) {
        entry.put("draft", draftPath);
      }
      entry.put("slug", manual.slug());
      entry.put("title", latest.title());
      entry.put("language", manual.language());
      entry.put("latestRevision", summary.latestNumber());
      entry.put("publishedRevision", summary.publishedNumber());
      entry.put("procedures", summary.procedureCount());
      entry.put("sourcePath", manual.sourcePath());
      index.add(entry);
      listener.exported(files.size(), summaries.size(), path);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("workspace", workspace.slug());
    root.put("name", workspace.name());
    root.put("manuals", index);
    files.add(ExportedFile.text("index.json", json(root)));
    files.addAll(attachments.files);
    // The workspace's synonyms go with its manuals; an import of this archive brings them back.
    settings
        .synonyms(workspace)
        .ifPresent(text -> files.add(ExportedFile.text(WorkspaceSettings.SYNONYMS, text)));
    return files;
  }

  /** Every revision of a manual, oldest first, each a Markdown file with its front matter. */
  public List<ExportedFile> history(Workspace workspace, String slug) {
    Manual manual = manuals.require(workspace, slug);
    List<ExportedFile> files = new ArrayList<>();
    Attachments attachments = new Attachments(workspace);
    for (RevisionSummary summary : manuals.history(manual).reversed()) {
      Revision revision = manuals.revision(manual, summary.number());
      Map<String, Object> front = new LinkedHashMap<>();
      front.put("title", revision.title());
      front.put("language", manual.language());
      if (!revision.tags().isEmpty()) {
        front.put("tags", revision.tags());
      }
      front.put("revision", revision.number());
      front.put("author", revision.authorName());
      front.put("date", revision.createdAt().toString());
      front.put("note", revision.note());
      front.put("minor", revision.minor());
      front.put("published", summary.everPublished());
      String path = "%s/revision-%04d.md".formatted(manual.slug(), revision.number());
      files.add(
          ExportedFile.text(
              path, attachments.relink(frontMatter(front) + trimmed(revision.markdown()), path)));
    }
    files.addAll(attachments.files);
    files.sort((a, b) -> a.path().compareTo(b.path()));
    return files;
  }

  public static byte[] zip(List<ExportedFile> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      zip(files, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The archive written as it is made (to a download), each file read when its turn comes. */
  public static void zip(List<ExportedFile> files, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (ExportedFile file : files) {
        zip.putNextEntry(new ZipEntry(file.path()));
        zip.write(file.content());
        zip.closeEntry();
      }
    }
  }

  /**
   * Writes the files under {@code folder}; the paths were made safe when they were named. A file
   * that cannot be written (a full disk, a name the file system refuses) is reported and the others
   * are still written; the returned lines say which failed.
   */
  public static List<String> write(Path folder, List<ExportedFile> files) {
    Path root = folder.toAbsolutePath().normalize();
    List<String> failed = new ArrayList<>();
    for (ExportedFile file : files) {
      try {
        Path target = root.resolve(file.path()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("refusing to write outside " + root);
        }
        Files.createDirectories(target.getParent());
        Files.write(target, file.content());
      } catch (IOException | InvalidPathException e) {
        failed.add(file.path() + ": " + e.getMessage());
      }
    }
    return failed;
  }

  /**
   * The workspace's screenshots and files that the exported texts use, written once under {@code
   * files/}, and the texts' links to them made relative, so that the export reads on its own and
   * imports back into the same files. The {@code ?size=} of an image's address is left out: an
   * import measures the image again.
   */
  private final class Attachments {
    private final Workspace workspace;
    private final Pattern address;
    private final Map<String, Optional<String>> pathBySha = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final List<ExportedFile> files = new ArrayList<>();

    Attachments(Workspace workspace) {
      this.workspace = workspace;
      this.address =
          // An address starting the link, or the same with this server's scheme and host in
          // front (a copied image address): both are the workspace's file, and both become
          // relative. Behind a host only, the address alone was replaced and the link broke.
          Pattern.compile(
              "(?:https?://[^\\s/()<>\"'\\[\\]]+|(?<![\\w.:/-]))/w/"
                  + Pattern.quote(workspace.slug())
                  + "/files/([0-9a-f]{64})/([A-Za-z0-9._-]{1,200})(?:\\?size=[0-9]{1,5}x[0-9]{1,5})?");
    }

    /** The text, its links to kept files made relative to {@code path}, where it is written. */
    String relink(String text, String path) {
      String up = "../".repeat((int) path.chars().filter(c -> c == '/').count());
      return address
          .matcher(text)
          .replaceAll(
              m ->
                  Matcher.quoteReplacement(
                      pathOf(m.group(1), m.group(2)).map(target -> up + target).orElse(m.group())));
    }

    /**
     * Where a file is written: under the name its address gives, or with its hash in front when the
     * name is taken. The same bytes are kept once under the first uploader's name, which the text
     * may not use ("shot.png" linking bytes first sent as "disguised.png", or a name from a private
     * question): written under that name, the import linked them by it, so importing the export
     * changed the text and asked everyone to read it again.
     */
    private Optional<String> pathOf(String sha256, String nameInAddress) {
      return pathBySha.computeIfAbsent(
          sha256 + "/" + nameInAddress,
          key ->
              store
                  .kept(workspace, sha256)
                  .map(
                      kept -> {
                        String sha = sha256;
                        // (The address's name has only letters, digits, dots and dashes;
                        // one starting with a dot would be hidden, or "..".)
                        String name = nameInAddress.startsWith(".") ? kept.name() : nameInAddress;
                        String path = "files/" + name;
                        // A file may itself be named like another's second choice
                        // ("bbbbbbbb-x.png"): a number is added then, never one entry written
                        // twice (a zip refuses it).
                        for (int n = 1; !taken.add(path); n++) {
                          path =
                              "files/" + sha.substring(0, 8) + (n > 1 ? "-" + n : "") + "-" + name;
                        }
                        files.add(
                            new ExportedFile(
                                path,
                                () ->
                                    store
                                        .kept(workspace, sha)
                                        .orElseThrow(
                                            () ->
                                                new IllegalStateException(
                                                    "file " + sha + " gone during the export"))
                                        .bytes()));
                        return path;
                      }));
    }
  }

  /** Longest file or folder name written, in characters (file systems allow 255 bytes). */
  static final int MAX_NAME = 80;

  /** Deepest folder structure kept from an import path. */
  static final int MAX_DEPTH = 12;

  /**
   * An imported manual keeps its file's place in the folder, so that importing the export again
   * finds the same manuals; others are named after their slug, and so is one from a place an import
   * skips (a hidden folder): the import finds it by the slug its front matter gives. Names lose
   * control and direction-override characters (a name that reads backwards hides its real
   * extension) and are cut to {@link #MAX_NAME} characters; {@code index.json} keeps the original
   * path.
   */
  static String pathOf(Manual manual) {
    String source = manual.sourcePath();
    if (source != null && !UploadedFiles.ignored(source.replace('\\', '/'))) {
      String[] parts = source.replace('\\', '/').split("/", -1);
      List<String> safe = new ArrayList<>();
      for (int i = 0; i < parts.length; i++) {
        String part = cleanName(parts[i]);
        boolean last = i == parts.length - 1;
        if (last && part.toLowerCase(Locale.ROOT).endsWith(".md")) {
          part = cut(part.substring(0, part.length() - 3), MAX_NAME - 3).strip() + ".md";
        } else {
          part = cut(part, MAX_NAME).strip();
        }
        if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains(":")) {
          safe = null;
          break;
        }
        safe.add(part);
      }
      if (safe != null
          && safe.size() <= MAX_DEPTH
          && safe.getLast().toLowerCase(Locale.ROOT).endsWith(".md")
          && safe.getLast().length() > 3) {
        return String.join("/", safe);
      }
    }
    return cut(manual.slug(), MAX_NAME - 3) + ".md";
  }

  private static String cleanName(String name) {
    StringBuilder clean = new StringBuilder();
    name.codePoints()
        .filter(
            c -> {
              int type = Character.getType(c);
              return type != Character.CONTROL
                  && type != Character.FORMAT
                  && type != Character.LINE_SEPARATOR
                  && type != Character.PARAGRAPH_SEPARATOR;
            })
        .forEach(clean::appendCodePoint);
    return clean.toString();
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    return text.substring(0, end);
  }

  private static String unique(String path, Set<String> taken) {
    String candidate = path;
    for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
      candidate = path.substring(0, path.length() - 3) + "-" + n + ".md";
    }
    return candidate;
  }

  private static String frontMatter(Map<String, Object> fields) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setAllowUnicode(true);
    options.setWidth(1000);
    return "---\n" + new Yaml(options).dump(fields) + "---\n\n";
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value)
          + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
