package vademecum.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Text for the index-mirror checks: paragraphs of the real handbooks in {@code ../shared/corpora}
 * (tables, links, lists, accents, stray HTML) when they are there, else generated sentences; and
 * markers, words that exist nowhere else, so that each procedure version can be searched for alone.
 */
public final class MirrorText {
  private static final Path CORPORA = Path.of("../shared/corpora");
  private static final String CONSONANTS = "bcdfghjklmnpqrstvwxz";

  /** A marker: "qx" and eight consonants, one edit away from no other marker in practice. */
  public static final Pattern MARKER = Pattern.compile("\\bqx[" + CONSONANTS + "]{8}\\b");

  private final List<String> paragraphs;

  private MirrorText(List<String> paragraphs) {
    this.paragraphs = paragraphs;
  }

  /** Paragraphs of the shared handbooks, or generated ones when the corpora are absent. */
  public static MirrorText load() {
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(CORPORA)) {
      try (Stream<Path> files = Files.walk(CORPORA)) {
        files
            .filter(p -> p.toString().endsWith(".md"))
            .sorted()
            .forEach(p -> found.addAll(paragraphsOf(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (found.size() < 200) {
      found.clear();
      Random random = new Random(7);
      for (int i = 0; i < 2000; i++) {
        found.add(generated(random));
      }
    }
    return new MirrorText(found);
  }

  /**
   * A file's paragraphs made safe to place under a {@code ##} heading of ours: no heading of level
   * 1 or 2 (demoted), no setext underline, no code fence or HTML block that could swallow the next
   * heading.
   */
  private static List<String> paragraphsOf(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      boolean unsafe =
          stripped.startsWith("```")
              || stripped.startsWith("~~~")
              || stripped.matches("[-=_*\\s]{3,}")
              || stripped.startsWith("{%")
              || stripped.startsWith("<");
      if (stripped.isEmpty() || unsafe) {
        if (paragraph.length() > 40) {
          out.add(paragraph.toString().strip());
        }
        paragraph.setLength(0);
        continue;
      }
      if (stripped.startsWith("#")) {
        line = "### " + stripped.replaceFirst("^#+\\s*", "");
      }
      paragraph.append(line).append('\n');
    }
    if (paragraph.length() > 40) {
      out.add(paragraph.toString().strip());
    }
    return out;
  }

  private static String generated(Random random) {
    String[] words = {
      "réserver",
      "vol",
      "facture",
      "rapprochement",
      "bancaire",
      "calendrier",
      "réunion",
      "client",
      "invoice",
      "booking",
      "schedule",
      "meeting",
      "expense",
      "travel",
      "hôtel",
      "courriel",
      "answer",
      "publish",
      "post",
      "accès",
      "mot",
      "passe",
      "équipe",
      "budget",
      "receipt"
    };
    StringBuilder sentence = new StringBuilder();
    int length = 20 + random.nextInt(60);
    for (int i = 0; i < length; i++) {
      sentence.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
    }
    return sentence.append('.').toString();
  }

  /** Paragraphs drawn at random until the text is about {@code bytes} long. */
  public String filler(Random random, int bytes) {
    StringBuilder text = new StringBuilder();
    while (text.length() < bytes) {
      text.append(paragraphs.get(random.nextInt(paragraphs.size()))).append("\n\n");
    }
    return text.toString();
  }

  public static String marker(Random random) {
    StringBuilder marker = new StringBuilder("qx");
    for (int i = 0; i < 8; i++) {
      marker.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
    }
    return marker.toString();
  }

  /** Every marker in a text, in order. */
  public static List<String> markers(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
