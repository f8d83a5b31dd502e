package vademecum.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vademecum.kernel.Refusal;
import vademecum.markdown.Slugs;

/**
 * Query-time synonyms: "vacation" also looks for "pto" and "time off". Only queries are widened, so
 * editing a list needs no reindex. One group per line: {@code a, b, c} (or {@code a = b = c}) says
 * they all mean the same; {@code cb => carte bancaire} widens the left side only. An entry may be
 * several words ("rapprochement bancaire = bank reconciliation"): typed together, they are widened
 * as one. Vademecum's built-in list ({@code search/synonyms.txt}) is every workspace's base; a
 * workspace's own list wins for the words it mentions.
 */
public final class Synonyms {
  /** A list longer than this is a paste gone wrong, not a vocabulary. */
  public static final int MAX_CHARS = 100_000;

  /**
   * Entries on one line, and other ways to say one entry over the whole list. The built-in list
   * needs 7 and 8. Each entry keeps all the others of its line, so a line of 7,000 words held 49
   * million of them (the heap, and minutes of one core); and a search widens a word into all of its
   * synonyms.
   */
  public static final int MAX_PER_LINE = 20;

  public static final int MAX_OTHERS = 40;

  private static final Synonyms BUILT_IN = parse(resource(), "search/synonyms.txt");

  /**
   * Lists by their text, the least recently used dropped first: a list is parsed once whatever the
   * number of searches. Bounded by the characters of the texts kept, not their number: an editor
   * saving lists of 100,000 characters that differ each time once filled a thousand places, more
   * than the server's heap.
   */
  private static final LinkedHashMap<String, Synonyms> PARSED =
      new LinkedHashMap<>(16, 0.75f, true);

  /** How many characters of list texts {@link #PARSED} keeps at most. */
  static final int CACHED_CHARS = 1_000_000;

  private static long cachedChars;

  /** Folded entry (one word, or several joined by single spaces) → its other ways to say it. */
  private final Map<String, List<String>> byEntry;

  private final boolean hasPhrases;

  private Synonyms(Map<String, List<String>> byEntry) {
    this.byEntry = byEntry;
    this.hasPhrases = byEntry.keySet().stream().anyMatch(k -> k.indexOf(' ') > 0);
  }

  /** Vademecum's own list. */
  public static Synonyms builtIn() {
    return BUILT_IN;
  }

  /** The built-in list's text, for a workspace that starts from it. */
  public static String builtInText() {
    return resource();
  }

  /** The built-in list with a workspace's list over it; the built-in one for an empty text. */
  public static Synonyms forWorkspace(String text) {
    if (text == null || text.isBlank()) {
      return BUILT_IN;
    }
    synchronized (PARSED) {
      Synonyms known = PARSED.get(text);
      if (known != null) {
        return known;
      }
    }
    // Parsed outside the lock: another workspace's search need not wait for it.
    Synonyms parsed = parse(text, "the list").over(BUILT_IN);
    synchronized (PARSED) {
      if (PARSED.put(text, parsed) == null) {
        cachedChars += text.length();
      }
      Iterator<String> eldest = PARSED.keySet().iterator();
      while (cachedChars > CACHED_CHARS && PARSED.size() > 1) {
        cachedChars -= eldest.next().length();
        eldest.remove();
      }
    }
    return parsed;
  }

  /** The characters of the list texts kept parsed (for tests). */
  static long cachedCharacters() {
    synchronized (PARSED) {
      return cachedChars;
    }
  }

  /**
   * Reads a list; a line that says nothing usable is refused with its number.
   *
   * @throws Refusal.Invalid naming the line at fault
   */
  public static Synonyms parse(String text, String source) {
    if (text.length() > MAX_CHARS) {
      throw Refusal.invalid("synonyms", "The list is longer than " + MAX_CHARS + " characters.");
    }
    Map<String, Set<String>> byEntry = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.contains("=>")) {
        String[] sides = line.split("=>", -1);
        List<String> from = entries(sides[0]);
        List<String> to = sides.length == 2 ? entries(sides[1]) : List.of();
        if (sides.length != 2 || from.isEmpty() || to.isEmpty()) {
          throw Refusal.invalid(
              "synonyms",
              source
                  + ", line "
                  + (n + 1)
                  + ": a one-way line is \"word => other words\", with one \"=>\".");
        }
        tooLong(from.size() + to.size(), source, n + 1);
        for (String entry : from) {
          add(byEntry, entry, to, source, n + 1);
        }
        continue;
      }
      List<String> group = entries(line.replace("=", ","));
      if (group.size() < 2) {
        throw Refusal.invalid(
            "synonyms",
            source
                + ", line "
                + (n + 1)
                + ": a line lists at least two ways to say one thing, separated by commas.");
      }
      tooLong(group.size(), source, n + 1);
      for (String entry : group) {
        add(
            byEntry,
            entry,
            group.stream().filter(other -> !other.equals(entry)).toList(),
            source,
            n + 1);
      }
    }
    Map<String, List<String>> lists = new HashMap<>();
    byEntry.forEach((entry, others) -> lists.put(entry, List.copyOf(others)));
    return new Synonyms(lists);
  }

  /** This list over {@code base}: an entry this list has replaces the base's. */
  Synonyms over(Synonyms base) {
    Map<String, List<String>> merged = new HashMap<>(base.byEntry);
    merged.putAll(byEntry);
    return new Synonyms(merged);
  }

  private static List<String> entries(String text) {
    List<String> entries = new ArrayList<>();
    for (String entry : text.split(",")) {
      String clean = entry.strip().replaceAll("\\s+", " ");
      if (!clean.isEmpty()) {
        entries.add(clean);
      }
    }
    return entries;
  }

  private static void tooLong(int entries, String source, int line) {
    if (entries > MAX_PER_LINE) {
      throw Refusal.invalid(
          "synonyms",
          source
              + ", line "
              + line
              + ": a line lists at most "
              + MAX_PER_LINE
              + " ways to say one thing.");
    }
  }

  private static void add(
      Map<String, Set<String>> byEntry,
      String entry,
      List<String> others,
      String source,
      int line) {
    Set<String> set = byEntry.computeIfAbsent(key(entry), k -> new LinkedHashSet<>());
    set.addAll(others);
    if (set.size() > MAX_OTHERS) {
      throw Refusal.invalid(
          "synonyms",
          source
              + ", line "
              + line
              + ": \""
              + (entry.length() > 60 ? entry.substring(0, 60) + "…" : entry)
              + "\" has more than "
              + MAX_OTHERS
              + " other ways to say it in the list.");
    }
  }

  private static String key(String entry) {
    return Slugs.fold(entry.strip().replaceAll("\\s+", " ")).toLowerCase(Locale.ROOT);
  }

  /** The other ways to say a single word, possibly several words each. */
  List<String> of(String word) {
    return lookUp(List.of(word));
  }

  /** The other ways to say these words typed together (two or more), or none. */
  List<String> ofWords(List<String> words) {
    return lookUp(words);
  }

  /**
   * The entry as typed and as its singular: a list says "commentaire, comment" once, and
   * "commentaires négatifs" typed finds "commentaire négatif". Both, not the first found: a list
   * with "invoice, invoices, bill" and "facture, invoice" gives "invoices" its French word too.
   */
  private List<String> lookUp(List<String> words) {
    String typed = key(String.join(" ", words));
    String singular = key(String.join(" ", words.stream().map(Synonyms::singular).toList()));
    List<String> exact = byEntry.getOrDefault(typed, List.of());
    if (singular.equals(typed) || !byEntry.containsKey(singular)) {
      return exact;
    }
    Set<String> both = new LinkedHashSet<>(exact);
    for (String other : byEntry.get(singular)) {
      if (!key(other).equals(typed)) {
        both.add(other);
      }
    }
    return List.copyOf(both);
  }

  /** English and French plurals end in s or x ("invoices", "bureaux", "négatifs"). */
  private static String singular(String word) {
    int last = word.length() - 1;
    boolean plural =
        last > 2
            && (word.charAt(last) == 's' || word.charAt(last) == 'x')
            && word.charAt(last - 1) != 's';
    return plural ? word.substring(0, last) : word;
  }

  /** Whether any entry is several words long (only then are windows of words looked up). */
  boolean hasPhrases() {
    return hasPhrases;
  }

  /** The entries, sorted (for tests and for showing what a list holds). */
  Set<String> entries() {
    return new TreeSet<>(byEntry.keySet());
  }

  private static String resource() {
    try (InputStream stream = Synonyms.class.getResourceAsStream("/search/synonyms.txt")) {
      return stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
