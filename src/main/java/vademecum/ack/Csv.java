package vademecum.ack;

import java.util.Arrays;
import java.util.List;
import vademecum.web.Texts;

/**
 * RFC 4180 CSV that spreadsheets open correctly: UTF-8 with a byte-order mark (so accents survive
 * Excel), CRLF line ends, fields quoted when needed, and cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @) prefixed with a quote; fields with a semicolon are quoted too,
 * for spreadsheets whose list separator it is.
 */
public final class Csv {
  private final StringBuilder text = new StringBuilder("\uFEFF");
  private final char separator;

  public Csv() {
    this(',');
  }

  private Csv(char separator) {
    this.separator = separator;
  }

  /**
   * A file for a spreadsheet set to this language: Excel in French reads ";" between cells (its
   * list separator) and put each comma-separated row in one cell.
   */
  public static Csv forLanguage(String language) {
    return new Csv("fr".equals(language) ? ';' : ',');
  }

  /** A spreadsheet's first row, in the reader's language ({@code csv.} keys). */
  public static List<String> headers(Texts texts, String... keys) {
    return Arrays.stream(keys).map(k -> texts.t("csv." + k)).toList();
  }

  public Csv row(List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append(separator);
      }
      text.append(field(fields.get(i)));
    }
    text.append("\r\n");
    return this;
  }

  static String field(String value) {
    String cell = value == null ? "" : value;
    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      cell = "'" + cell;
    }
    // A semicolon or a tab too: Excel set to French splits a .csv at its list separator, ";",
    // and "x;=1+1" unquoted became a cell of its own that runs as a formula.
    if (cell.chars().anyMatch(c -> ",\"\n\r;\t".indexOf(c) >= 0)) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
