package vademecum.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a manual into procedures ({@code ##} sections). The parser decides what a heading is, so a
 * {@code ##} line inside a code fence, a list or a quote never starts a procedure.
 */
public final class ProcedureSplitter {
  private static final Pattern EXPLICIT_ID = PlainText.EXPLICIT_ID;

  private final Parser parser;

  public ProcedureSplitter(Parser parser) {
    this.parser = parser;
  }

  /**
   * @param manualTitle names the single procedure of a manual that has no {@code ##} heading
   * @throws DuplicateProcedureKey when two sections share a key
   */
  public Procedures split(String markdown, String manualTitle) {
    return split(markdown, manualTitle, scan(markdown, parser.parse(markdown)));
  }

  private static Procedures split(String markdown, String manualTitle, List<Found> found) {
    List<Section> sections = found.stream().map(Found::section).toList();
    if (sections.isEmpty()) {
      String key = Slugs.slug(manualTitle).isEmpty() ? "procedure" : Slugs.slug(manualTitle);
      return new Procedures("", List.of(new Section(key, manualTitle, markdown, 1, false)), true);
    }
    Map<String, Section> byKey = new HashMap<>();
    for (Section section : sections) {
      Section previous = byKey.putIfAbsent(section.key(), section);
      if (previous != null) {
        throw new DuplicateProcedureKey(section.key(), previous, section);
      }
    }
    return new Procedures(introduction(markdown, sections), List.copyOf(sections), false);
  }

  /**
   * Gives every repeated key after the first an explicit id ({@code {#key-2}}), so text written
   * elsewhere (an imported handbook) can be stored without losing a section.
   */
  public String withUniqueKeys(String markdown) {
    List<Section> sections = scan(markdown);
    Map<String, Integer> seen = new HashMap<>();
    sections.forEach(s -> seen.putIfAbsent(s.key(), 0));
    String[] lines = markdown.split("\n", -1);
    Map<String, Integer> uses = new HashMap<>();
    boolean changed = false;
    for (Section section : sections) {
      int count = uses.merge(section.key(), 1, Integer::sum);
      if (count > 1) {
        String candidate = section.key() + "-" + count;
        while (seen.containsKey(candidate)) {
          candidate = section.key() + "-" + (++count);
        }
        seen.put(candidate, 0);
        int index = section.line() - 1;
        lines[index] = EXPLICIT_ID.matcher(lines[index]).replaceAll("").stripTrailing();
        lines[index] = lines[index] + " {#" + candidate + "}";
        changed = true;
      }
    }
    return changed ? String.join("\n", lines) : markdown;
  }

  /**
   * The manual's procedures with the words of each as a reader sees them (what {@link
   * MarkdownRenderer#plainText} gives for its Markdown), and those of its introduction, from one
   * parse of the manual: the search indexer's path, where parsing every procedure a second time
   * cost as much as indexing it.
   *
   * @throws DuplicateProcedureKey when two sections share a key
   */
  public PlainProcedures plain(String markdown, String manualTitle) {
    Document document = parser.parse(markdown);
    List<Found> found = scan(markdown, document);
    Procedures split = split(markdown, manualTitle, found);
    if (split.wholeDocument()) {
      return new PlainProcedures(
          "", split.sections(), List.of(PlainText.paragraphs(document.getFirstChild(), null)));
    }
    List<String> texts = new ArrayList<>();
    List<String> introduction = new ArrayList<>();
    Node block = document.getFirstChild();
    for (Found each : found) {
      introduction.add(PlainText.paragraphs(block, each.heading()));
      texts.add(PlainText.paragraphs(each.heading(), each.until()));
      block = each.until();
    }
    introduction.add(PlainText.paragraphs(block, null));
    introduction.removeIf(String::isEmpty);
    return new PlainProcedures(String.join("\n\n", introduction), split.sections(), texts);
  }

  /** A manual's procedures and the plain words of each, in the same order. */
  public record PlainProcedures(String introduction, List<Section> sections, List<String> texts) {}

  /** A procedure, its heading, and the block that ends it (the next heading; null: the end). */
  private record Found(Section section, Node heading, Node until) {}

  private List<Section> scan(String markdown) {
    return scan(markdown, parser.parse(markdown)).stream().map(Found::section).toList();
  }

  private List<Found> scan(String markdown, Document document) {
    List<Heading> boundaries = new ArrayList<>();
    for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Heading heading && heading.getLevel() <= 2) {
        boundaries.add(heading);
      }
    }
    List<Found> sections = new ArrayList<>();
    // Line numbers are counted as the headings go, once over the text, not from its start for
    // each heading (a text of 100,000 headings would otherwise take minutes).
    int counted = 0;
    int line = 1;
    for (int i = 0; i < boundaries.size(); i++) {
      Heading heading = boundaries.get(i);
      if (heading.getLevel() != 2) {
        continue;
      }
      int start = heading.getStartOffset();
      for (; counted < start; counted++) {
        if (markdown.charAt(counted) == '\n') {
          line++;
        }
      }
      int end =
          i + 1 < boundaries.size() ? boundaries.get(i + 1).getStartOffset() : markdown.length();
      String title = plainTitle(heading);
      Matcher explicit = EXPLICIT_ID.matcher(heading.getText().toString());
      boolean hasExplicitKey = explicit.find();
      String key = hasExplicitKey ? explicit.group(1) : Slugs.slug(title);
      if (key.isEmpty()) {
        key = "procedure-" + (sections.size() + 1);
      }
      sections.add(
          new Found(
              new Section(
                  key,
                  title.isEmpty() ? key : title,
                  markdown.substring(start, end),
                  line,
                  hasExplicitKey),
              heading,
              i + 1 < boundaries.size() ? boundaries.get(i + 1) : null));
    }
    return sections;
  }

  /** The heading as a reader sees it: no markup, no {#id}. */
  static String plainTitle(Heading heading) {
    String text = PlainText.of(heading);
    return EXPLICIT_ID.matcher(text).replaceAll("").replaceAll("\\s+", " ").strip();
  }

  private static String introduction(String markdown, List<Section> sections) {
    StringBuilder intro = new StringBuilder();
    int position = 0;
    for (Section section : sections) {
      int start = markdown.indexOf(section.markdown(), position);
      intro.append(markdown, position, start);
      position = start + section.markdown().length();
    }
    intro.append(markdown.substring(position));
    return intro.toString().strip();
  }
}
