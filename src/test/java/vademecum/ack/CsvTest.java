package vademecum.ack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void fields_are_quoted_escaped_and_defused_as_rfc_4180_and_spreadsheets_need() {
    assertEquals("plain", Csv.field("plain"));
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
    assertEquals("'=HYPERLINK(1)", Csv.field("=HYPERLINK(1)"));
    assertEquals("'+1", Csv.field("+1"));
    assertEquals("\"'@SUM(A1,A2)\"", Csv.field("@SUM(A1,A2)"));
    assertEquals("", Csv.field(null));
    // Excel in French splits at ";": a name "x;=1+1;y" must stay one quoted cell.
    assertEquals("\"x;=1+1;y\"", Csv.field("x;=1+1;y"));
    assertEquals("\"a\tb\"", Csv.field("a\tb"));
    assertEquals("\uFEFFa,é\r\n", new Csv().row(List.of("a", "é")).toString());
  }
}
