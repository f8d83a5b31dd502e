package vademecum.ack;

import java.util.List;

/**
 * RFC 4180 CSV that spreadsheets open correctly: UTF-8 with a byte-order mark (so accents survive
 * Excel), CRLF line ends, fields quoted when needed, and cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @) prefixed with a quote.
 */
public final class Csv {
  private final StringBuilder text = new StringBuilder("\uFEFF");

  public Csv row(List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append(',');
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
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
