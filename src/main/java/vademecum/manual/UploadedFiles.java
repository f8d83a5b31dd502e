package vademecum.manual;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import vademecum.kernel.Refusal;
import vademecum.kernel.Sizes;

/**
 * The files of an upload: one {@code .md} file, or the files of a {@code .zip} — its Markdown files
 * and the screenshots and files they may link. An archive is read defensively — counted bytes, not
 * the sizes it claims — and refused as a whole, naming the entry, when it tries to leave its
 * folder, holds too many files, or inflates beyond the limits (a zip bomb stops at the first byte
 * over).
 */
public final class UploadedFiles {
  public static final int MAX_FILES = 2000;

  /** The longest path of an entry: deeper folders than any handbook has, far below the index's. */
  public static final int MAX_PATH = 500;

  public static final long MAX_TOTAL_BYTES = 50L * 1024 * 1024;

  /** A file of the upload: its path inside the archive (its name for a single file). */
  public record File(String path, byte[] bytes) {
    public boolean markdown() {
      return path.toLowerCase(Locale.ROOT).endsWith(".md");
    }
  }

  private UploadedFiles() {}

  /**
   * @param maxFileBytes the largest Markdown file
   * @param maxAttachmentBytes the largest other file (a screenshot, a PDF)
   */
  public static List<File> read(
      String fileName, byte[] content, int maxFileBytes, int maxAttachmentBytes) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".md")) {
      if (name.length() > MAX_PATH || name.codePoints().anyMatch(Character::isISOControl)) {
        // As for an archive's entries: the name is the manual's key for later imports, and a NUL
        // sent as filename*=UTF-8''a%00.md reached PostgreSQL (a 500).
        throw Refusal.badRequest(
            "The file's name is longer than "
                + MAX_PATH
                + " characters or holds control characters: rename it and upload it again.");
      }
      if (content.length > maxFileBytes) {
        throw Refusal.badRequest(
            name + " is larger than the limit of " + Sizes.human(maxFileBytes) + ".");
      }
      return List.of(new File(name, content));
    }
    if (!lower.endsWith(".zip")) {
      throw Refusal.badRequest("Upload a .md file or a .zip archive of .md files.");
    }
    try {
      return unzip(name, content, maxFileBytes, maxAttachmentBytes, StandardCharsets.UTF_8);
    } catch (ZipException | IllegalArgumentException notUtf8) {
      // Names not in UTF-8 and not flagged so: Windows' "compressed folder" writes them in the
      // DOS code page, 850 on French and Western European systems. "Procédures/…" made the JDK
      // refuse the entry ("bad entry name"; an IllegalArgumentException, a 500, before JDK 22).
      try {
        return unzip(name, content, maxFileBytes, maxAttachmentBytes, DOS_WESTERN_EUROPE);
      } catch (ZipException | IllegalArgumentException e) {
        throw Refusal.badRequest(name + " is not a valid .zip archive.");
      }
    }
  }

  private static final Charset DOS_WESTERN_EUROPE = Charset.forName("IBM850");

  /** The archive's files; a {@link ZipException} when its structure or names cannot be read. */
  private static List<File> unzip(
      String archive, byte[] content, int maxMarkdownBytes, int maxAttachmentBytes, Charset names)
      throws ZipException {
    List<File> files = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long total = 0;
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content), names)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > MAX_FILES) {
          throw Refusal.badRequest(
              archive + " is refused: it holds more than " + MAX_FILES + " entries.");
        }
        String path = withoutDotSegments(entry.getName().replace('\\', '/'));
        if (unsafe(path)) {
          throw Refusal.badRequest(
              archive + " is refused: the entry " + path + " points outside its folder.");
        }
        boolean markdown = path.toLowerCase(Locale.ROOT).endsWith(".md");
        boolean oddName =
            path.length() > MAX_PATH || path.codePoints().anyMatch(Character::isISOControl);
        // A file with an odd name that is not a manual is left out like a system file (macOS
        // names a folder's icon "Icon\r"): a link to it is reported as a file not in the import.
        if (entry.isDirectory() || ignored(path) || (oddName && !markdown)) {
          // Skipped entries are inflated too (to reach the next one): counted like the others,
          // so a bomb hidden in a picture stops at the same limit.
          total += skip(zip, MAX_TOTAL_BYTES - total + 1);
          refuseBeyondTotal(archive, total);
          continue;
        }
        if (oddName) {
          // A manual's path is its key for later imports: a tab or a line break broke the list
          // kept for the confirmation, and a name of kilobytes went past what PostgreSQL
          // indexes (500s at every try).
          String shown =
              (path.length() > 80 ? path.substring(0, 80) + "…" : path)
                  .replaceAll("\\p{Cntrl}", "?");
          throw Refusal.badRequest(
              archive
                  + " is refused: the name of the entry "
                  + shown
                  + " is longer than "
                  + MAX_PATH
                  + " characters or holds control characters.");
        }
        int maxFileBytes = markdown ? maxMarkdownBytes : maxAttachmentBytes;
        byte[] bytes = readAtMost(zip, maxFileBytes + 1L);
        if (bytes.length > maxFileBytes) {
          throw Refusal.badRequest(
              archive
                  + " is refused: "
                  + path
                  + " is larger than the limit of "
                  + Sizes.human(maxFileBytes)
                  + " once uncompressed.");
        }
        total += bytes.length;
        refuseBeyondTotal(archive, total);
        if (!seen.add(path)) {
          // "./a.md" and "a.md" are one path: the second was planned too, and refused at the
          // confirmation as "imported by someone else after the preview".
          throw Refusal.badRequest(archive + " is refused: it holds " + path + " twice.");
        }
        files.add(new File(path, bytes));
      }
    } catch (ZipException e) {
      throw e;
    } catch (IOException e) {
      throw Refusal.badRequest(archive + " could not be read as a .zip archive.");
    }
    if (entries == 0) {
      throw Refusal.badRequest(archive + " is empty or not a .zip archive.");
    }
    return files;
  }

  /**
   * {@code ./docs/a.md} is {@code docs/a.md}: some archivers write the current folder in front of
   * every entry, which then looked hidden (it starts with a dot) and was silently left out.
   */
  static String withoutDotSegments(String path) {
    String clean = path;
    while (clean.startsWith("./")) {
      clean = clean.substring(2);
    }
    while (clean.contains("/./")) {
      clean = clean.replace("/./", "/");
    }
    return clean;
  }

  /**
   * System folders of archivers and hidden files and folders are not content (tool caches, version
   * control). The command-line import skips the same, and a manual imported before it did is
   * exported under its address instead, so that its export reads back (see {@link
   * ManualExporter#pathOf}).
   */
  static boolean ignored(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.startsWith("__macosx/") || lower.contains("/.") || lower.startsWith(".");
  }

  static boolean unsafe(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains(":") || path.indexOf('\0') >= 0) {
      return true;
    }
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static void refuseBeyondTotal(String archive, long total) {
    if (total > MAX_TOTAL_BYTES) {
      throw Refusal.badRequest(
          archive
              + " is refused: its files add up to more than "
              + Sizes.human(MAX_TOTAL_BYTES)
              + " once uncompressed.");
    }
  }

  /** Reads and forgets at most {@code limit} bytes; returns how many were read. */
  private static long skip(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[8192];
    long read = 0;
    while (read < limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read));
      if (n < 0) {
        break;
      }
      read += n;
    }
    return read;
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long read = 0;
    while (read < limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
      read += n;
    }
    return out.toByteArray();
  }
}
