package vademecum.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.tika.Tika;

/**
 * What an uploaded file is, decided from its bytes by Tika's magic detector: never from its name or
 * the browser's claim. The name only tells apart formats that share their bytes' shape (a CSV is
 * plain text; docx, xlsx and pptx are the same kind of zip). SVG and HTML are not in the list: they
 * can carry scripts.
 */
final class FileTypes {
  private FileTypes() {}

  /** An accepted type: how it is served, its usual extension, whether pages show it inline. */
  record Type(String contentType, String extension, boolean image) {}

  private static final Tika TIKA = new Tika();

  private static final Map<String, Type> BY_DETECTED =
      Map.ofEntries(
          Map.entry("image/png", new Type("image/png", "png", true)),
          Map.entry("image/jpeg", new Type("image/jpeg", "jpg", true)),
          Map.entry("image/gif", new Type("image/gif", "gif", true)),
          Map.entry("image/webp", new Type("image/webp", "webp", true)),
          Map.entry("application/pdf", new Type("application/pdf", "pdf", false)),
          Map.entry(
              "application/vnd.oasis.opendocument.text",
              new Type("application/vnd.oasis.opendocument.text", "odt", false)),
          Map.entry(
              "application/vnd.oasis.opendocument.spreadsheet",
              new Type("application/vnd.oasis.opendocument.spreadsheet", "ods", false)));

  private static final Map<String, Type> OFFICE_BY_EXTENSION =
      Map.of(
          "docx",
          new Type(
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "docx",
              false),
          "xlsx",
          new Type(
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", false),
          "pptx",
          new Type(
              "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "pptx",
              false));

  /** The list given in refusals. */
  static final String ALLOWED = "PNG, JPEG, GIF, WebP, PDF, TXT, CSV, DOCX, XLSX, PPTX, ODT, ODS";

  static Optional<Type> of(byte[] bytes, String name) {
    String detected = TIKA.detect(bytes);
    String extension = extension(name);
    Type known = BY_DETECTED.get(detected);
    if (known != null) {
      return Optional.of(known);
    }
    if (detected.equals("text/plain")) {
      return Optional.of(
          extension.equals("csv")
              ? new Type("text/csv; charset=utf-8", "csv", false)
              : new Type("text/plain; charset=utf-8", "txt", false));
    }
    if (detected.equals("application/x-tika-ooxml")
        || detected.startsWith("application/vnd.openxmlformats-officedocument.")
        || (detected.equals("application/zip") && isOfficeOpenXml(bytes))) {
      return Optional.ofNullable(OFFICE_BY_EXTENSION.get(extension));
    }
    return Optional.empty();
  }

  /**
   * Whether a zip holds an Office Open XML package (its {@code [Content_Types].xml}): Tika's magic
   * looks only at the first entry, and files written by openpyxl or pandas start with another, so
   * their spreadsheets were refused as "not accepted".
   */
  private static boolean isOfficeOpenXml(byte[] bytes) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      // The package's parts are few; a zip of thousands of entries is no document.
      for (int i = 0; i < 1000; i++) {
        ZipEntry entry = zip.getNextEntry();
        if (entry == null) {
          return false;
        }
        if (entry.getName().equals("[Content_Types].xml")) {
          return true;
        }
      }
      return false;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  static String extension(String name) {
    int dot = name == null ? -1 : name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
