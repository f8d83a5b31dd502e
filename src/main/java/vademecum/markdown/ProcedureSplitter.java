package vademecum.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    return withUniqueKeys(markdown, null, Set.of());
  }

  /**
   * As {@link #withUniqueKeys(String)}, for a new version of a text stored before as {@code
   * before}: a repeated heading keeps the key its section had there, found by its text, not by its
   * place. Numbered by place, a third "Exemple" added above the two of a handbook took the key
   * {@code exemple} of the first, which moved to {@code exemple-2}: each section went on under its
   * neighbour's key, with its neighbour's confirmations, questions and schedules.
   *
   * <p>Sections of a repeated heading are matched to those of {@code before} with the same key
   * ({@code exemple}, {@code exemple-2}, …): first by equal text, then by mostly equal words (an
   * edited one), then, when as many are left on each side, in order (each edited past recognition).
   * A section left over takes a key {@code before} never had, so it inherits nothing.
   *
   * @param before the stored text this one replaces; null for a new manual
   * @param retired every key the manual's procedures ever had: a key is given back only to the
   *     section found to be its own, never to a new one (it would bring back that procedure's
   *     history, questions and schedules)
   */
  public String withUniqueKeys(String markdown, String before, Set<String> retired) {
    List<Found> found = scan(markdown, parser.parse(markdown));
    Map<String, List<Found>> byKey = new LinkedHashMap<>();
    found.forEach(f -> byKey.computeIfAbsent(f.section().key(), k -> new ArrayList<>()).add(f));
    if (byKey.values().stream().allMatch(group -> group.size() == 1)) {
      return markdown;
    }
    List<Found> earlier = before == null ? List.of() : scan(before, parser.parse(before));
    Set<String> earlierKeys = new HashSet<>(retired);
    // Each earlier section under its key and under its title's key: a repeat's candidates are the
    // sections of its title ("Exemple {#exemple-2}"), not those of another ("Step 1" for "Step").
    Map<String, List<Found>> earlierByBase = new HashMap<>();
    for (Found f : earlier) {
      String key = f.section().key();
      earlierKeys.add(key);
      earlierByBase.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
      String titled = keyFor(f.section().title());
      if (!titled.equals(key)) {
        earlierByBase.computeIfAbsent(titled, k -> new ArrayList<>()).add(f);
      }
    }
    // A key another heading of the new text has is that heading's, never a repeated one's.
    Set<String> taken = new HashSet<>(byKey.keySet());
    // Keys given to the sections of a group: an earlier section listed under two titles (its key's
    // and its heading's) is one group's at most.
    Set<String> handedOut = new HashSet<>();
    String[] lines = markdown.split("\n", -1);
    for (Map.Entry<String, List<Found>> group : byKey.entrySet()) {
      if (group.getValue().size() < 2) {
        continue;
      }
      String base = group.getKey();
      List<Found> candidates =
          earlierByBase.getOrDefault(base, List.of()).stream()
              .filter(f -> f.section().key().equals(base) || !taken.contains(f.section().key()))
              .filter(f -> !handedOut.contains(f.section().key()))
              .toList();
      Map<Found, String> keys = matched(group.getValue(), candidates);
      Set<String> given = new HashSet<>(keys.values());
      int next = 1;
      for (Found each : group.getValue()) {
        String key = keys.get(each);
        if (key == null) {
          // Counted from the base, so a new text numbers its repeats 2, 3, … as it always did.
          key = next == 1 ? base : base + "-" + next;
          while (given.contains(key)
              || handedOut.contains(key)
              || earlierKeys.contains(key)
              || (!key.equals(base) && taken.contains(key))) {
            key = base + "-" + (++next);
          }
          next++;
          given.add(key);
        }
        if (!key.equals(base)) {
          // On the heading's last line: a setext heading's text may run over several, and an id on
          // its first was no id but words of the heading.
          int index = lastLine(markdown, each);
          lines[index] = withExplicitId(lines[index], key);
        }
      }
      taken.addAll(given);
      handedOut.addAll(given);
    }
    return String.join("\n", lines);
  }

  /**
   * Which earlier key each section of a repeated heading keeps; a section absent from the map gets
   * a new one.
   */
  private static Map<Found, String> matched(List<Found> now, List<Found> earlier) {
    Map<Found, String> keys = new IdentityHashMap<>();
    if (earlier.isEmpty()) {
      return keys;
    }
    Map<String, ArrayDeque<String>> byText = new HashMap<>();
    earlier.forEach(
        f -> byText.computeIfAbsent(text(f), t -> new ArrayDeque<>()).add(f.section().key()));
    Set<String> used = new HashSet<>();
    for (Found each : now) {
      ArrayDeque<String> same = byText.get(text(each));
      if (same != null && !same.isEmpty()) {
        String key = same.poll();
        keys.put(each, key);
        used.add(key);
      }
    }
    List<Found> leftNow = now.stream().filter(f -> !keys.containsKey(f)).toList();
    List<Found> leftEarlier =
        earlier.stream().filter(f -> !used.contains(f.section().key())).toList();
    if (!leftNow.isEmpty() && !leftEarlier.isEmpty()) {
      Map<Found, Found> alike = alike(leftNow, leftEarlier);
      alike.forEach((mine, theirs) -> keys.put(mine, theirs.section().key()));
      leftNow = leftNow.stream().filter(f -> !alike.containsKey(f)).toList();
      Set<Found> paired = Collections.newSetFromMap(new IdentityHashMap<>());
      paired.addAll(alike.values());
      leftEarlier = leftEarlier.stream().filter(f -> !paired.contains(f)).toList();
    }
    if (leftNow.size() == leftEarlier.size()) {
      for (int i = 0; i < leftNow.size(); i++) {
        keys.put(leftNow.get(i), leftEarlier.get(i).section().key());
      }
    }
    return keys;
  }

  /**
   * Pairs of sections with mostly the same words (an edited one and what it was), the most alike
   * first, then the nearest in order: each one's best match, not the first good enough.
   */
  private static Map<Found, Found> alike(List<Found> now, List<Found> earlier) {
    Map<Found, Found> pairs = new IdentityHashMap<>();
    List<Set<String>> nowWords = now.stream().map(f -> words(text(f))).toList();
    List<Set<String>> earlierWords = earlier.stream().map(f -> words(text(f))).toList();
    long nowTotal = nowWords.stream().mapToLong(Set::size).sum();
    long earlierTotal = earlierWords.stream().mapToLong(Set::size).sum();
    // Words compared pair by pair only while that stays small: a text of thousands of repeats is
    // no handbook, and its leftovers go on in order or under new keys.
    if ((long) now.size() * earlier.size() > 2_500
        || Math.min(nowTotal * earlier.size(), earlierTotal * now.size()) > 20_000_000) {
      return pairs;
    }
    record Pair(int mine, int theirs, double score) {}
    List<Pair> candidates = new ArrayList<>();
    for (int i = 0; i < now.size(); i++) {
      for (int j = 0; j < earlier.size(); j++) {
        double score = dice(nowWords.get(i), earlierWords.get(j));
        if (score >= 0.5) {
          candidates.add(new Pair(i, j, score));
        }
      }
    }
    candidates.sort(
        Comparator.comparingDouble((Pair p) -> -p.score())
            .thenComparingInt(p -> Math.abs(p.mine() - p.theirs()))
            .thenComparingInt(Pair::mine));
    boolean[] mineTaken = new boolean[now.size()];
    boolean[] theirsTaken = new boolean[earlier.size()];
    for (Pair pair : candidates) {
      if (!mineTaken[pair.mine()] && !theirsTaken[pair.theirs()]) {
        mineTaken[pair.mine()] = true;
        theirsTaken[pair.theirs()] = true;
        pairs.put(now.get(pair.mine()), earlier.get(pair.theirs()));
      }
    }
    return pairs;
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String word : Slugs.fold(text).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /**
   * Twice the shared words over the words of both (Dice): a text grown around the old one ("Order
   * paper." become "Order A4 paper from Lyreco before Friday.") still counts as alike. Two empty
   * texts are alike.
   */
  private static double dice(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    long shared = small.stream().filter(large::contains).count();
    return 2.0 * shared / (a.size() + b.size());
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
  private record Found(Section section, Heading heading, Node until) {}

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
      String key = hasExplicitKey ? explicit.group(1) : keyFor(title);
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

  /**
   * The key of a procedure heading without an explicit id: the slug of its title, or, for a title
   * with no letter or digit to slug ("☎️", "Доставка"), one drawn from the title itself. A key
   * never depends on where the heading stands, so a procedure inserted above it moves neither its
   * history nor its acknowledgements.
   */
  public static String keyFor(String title) {
    String slug = Slugs.slug(title);
    if (!slug.isEmpty()) {
      return slug;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Slugs.fold(title).strip().getBytes(StandardCharsets.UTF_8));
      return "procedure-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Until V31 a heading with nothing to slug took its position as key ({@code procedure-3}). Writes
   * that key into the text as an explicit id on each such heading, so the stored texts keep the
   * keys their history and acknowledgements were recorded under.
   *
   * @return the text, unchanged when no heading took its position, and the keys written
   */
  public Pinned pinPositionalKeys(String markdown) {
    List<Found> found = scan(markdown, parser.parse(markdown));
    String[] lines = null;
    List<String> pinned = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Section section = found.get(i).section();
      if (section.explicitKey() || !Slugs.slug(plainTitle(found.get(i).heading())).isEmpty()) {
        continue;
      }
      String key = "procedure-" + (i + 1);
      if (lines == null) {
        lines = markdown.split("\n", -1);
      }
      // A setext heading's text may run over several lines: the id goes after the last.
      int last = lastLine(markdown, found.get(i));
      lines[last] = withExplicitId(lines[last], key);
      pinned.add(key);
    }
    return new Pinned(lines == null ? markdown : String.join("\n", lines), List.copyOf(pinned));
  }

  /** A text whose positional keys were written into it, and those keys. */
  public record Pinned(String markdown, List<String> keys) {}

  /**
   * A heading changed and its procedure's text did not (a typo fixed in the title): the procedure
   * keeps its key, written into the new heading as an explicit id ({@code {#old-key}}), and with it
   * its history, acknowledgements, questions and schedules. Without it the new title's key made it
   * another procedure, and its schedules stopped. Only a heading without an id of its own, when
   * exactly one procedure gone from {@code before} has that same text (not empty), and only one new
   * heading does.
   *
   * @return {@code after}, with those ids written in
   */
  public String keepKeysOfRenamed(String before, String after) {
    if (before.equals(after)) {
      return after; // the same form sent again: nothing renamed, no text to parse twice
    }
    List<Found> old = scan(before, parser.parse(before));
    List<Found> now = scan(after, parser.parse(after));
    Set<String> oldKeys = new HashSet<>();
    old.forEach(f -> oldKeys.add(f.section().key()));
    Set<String> newKeys = new HashSet<>();
    now.forEach(f -> newKeys.add(f.section().key()));
    Map<String, List<String>> goneByText = new HashMap<>();
    for (Found f : old) {
      if (!newKeys.contains(f.section().key())) {
        goneByText.computeIfAbsent(text(f), t -> new ArrayList<>()).add(f.section().key());
      }
    }
    Map<String, List<Found>> arrivedByText = new HashMap<>();
    for (Found f : now) {
      if (!f.section().explicitKey() && !oldKeys.contains(f.section().key())) {
        arrivedByText.computeIfAbsent(text(f), t -> new ArrayList<>()).add(f);
      }
    }
    String[] lines = null;
    for (Map.Entry<String, List<Found>> arrived : arrivedByText.entrySet()) {
      List<String> gone = goneByText.getOrDefault(arrived.getKey(), List.of());
      if (arrived.getKey().isEmpty() || gone.size() != 1 || arrived.getValue().size() != 1) {
        continue;
      }
      if (lines == null) {
        lines = after.split("\n", -1);
      }
      int last = lastLine(after, arrived.getValue().get(0));
      lines[last] = withExplicitId(lines[last], gone.get(0));
    }
    return lines == null ? after : String.join("\n", lines);
  }

  /** The procedure's text under its heading, normalised as its content hash has it. */
  private static String text(Found found) {
    Section section = found.section();
    int headingLength = found.heading().getEndOffset() - found.heading().getStartOffset();
    return Section.normalised(
        section.markdown().substring(Math.min(headingLength, section.markdown().length())));
  }

  /** The index of the heading's last line: a setext heading's text may run over several. */
  private static int lastLine(String markdown, Found found) {
    Heading heading = found.heading();
    return found.section().line()
        - 1
        + (int)
            markdown
                .substring(
                    heading.getStartOffset(),
                    Math.max(heading.getStartOffset(), heading.getText().getEndOffset()))
                .chars()
                .filter(c -> c == '\n')
                .count();
  }

  /**
   * The heading line with {@code {#key}} at its end, after any closing {@code #} run (which would
   * otherwise stop closing the heading and show).
   */
  private static String withExplicitId(String line, String key) {
    String bare = EXPLICIT_ID.matcher(line).replaceAll("").stripTrailing();
    if (bare.startsWith("#")) {
      bare = withoutClosingHashes(bare);
    }
    return bare + " {#" + key + "}";
  }

  /**
   * The ATX heading line without its closing run of {@code #} and the white space before it. A scan
   * from the end: {@code replaceFirst("\\s+#+$", "")} tried each space of a long run again.
   */
  private static String withoutClosingHashes(String line) {
    int hashes = line.length();
    while (hashes > 0 && line.charAt(hashes - 1) == '#') {
      hashes--;
    }
    if (hashes == line.length()) {
      return line;
    }
    int space = hashes;
    while (space > 0 && " \t\n\u000b\f\r".indexOf(line.charAt(space - 1)) >= 0) {
      space--;
    }
    return space < hashes ? line.substring(0, space) : line;
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
