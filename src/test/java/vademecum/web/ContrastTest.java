package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The colour pairs of the stylesheet meet WCAG 2.2 AA (4.5:1 for text) in the light and the dark
 * theme, computed from the variables the stylesheet really defines.
 */
class ContrastTest {
  private static final Pattern VARIABLE = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{3,6})");

  /** Text colour on background colour, as the stylesheet uses them. */
  private static final List<String[]> PAIRS =
      List.of(
          new String[] {"fg", "bg"},
          new String[] {"muted", "bg"},
          new String[] {"accent", "bg"},
          new String[] {"accent-fg", "accent"},
          new String[] {"ok", "bg"},
          new String[] {"warn", "bg"},
          new String[] {"fg", "warn-bg"},
          new String[] {"muted", "warn-bg"},
          new String[] {"fg", "del"},
          new String[] {"fg", "ins"});

  @Test
  void every_text_colour_meets_aa_on_its_background_in_both_themes() throws IOException {
    String css = Files.readString(Path.of("src/main/resources/public/app.css"));
    int dark = css.indexOf("@media (prefers-color-scheme: dark)");
    assertTrue(dark > 0, "a dark theme follows the system setting");
    Map<String, String> light = variables(css.substring(0, dark));
    Map<String, String> darkTheme = new HashMap<>(light);
    darkTheme.putAll(variables(css.substring(dark, css.indexOf('}', css.indexOf('{', dark) + 1))));
    List<String> failures = new ArrayList<>();
    for (var theme : Map.of("light", light, "dark", darkTheme).entrySet()) {
      for (String[] pair : PAIRS) {
        double ratio = ratio(theme.getValue().get(pair[0]), theme.getValue().get(pair[1]));
        if (ratio < 4.5) {
          failures.add(theme.getKey() + " " + pair[0] + " on " + pair[1] + ": " + ratio);
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  private static Map<String, String> variables(String css) {
    Map<String, String> found = new HashMap<>();
    Matcher m = VARIABLE.matcher(css);
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  static double ratio(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    String h = hex.substring(1);
    if (h.length() == 3) {
      h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
    }
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  @Test
  void the_ratio_is_the_wcag_one() {
    assertEquals(21.0, ratio("#000", "#ffffff"), 0.01);
    assertEquals(1.0, ratio("#777777", "#777777"), 0.01);
  }
}
