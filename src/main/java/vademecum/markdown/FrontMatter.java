package vademecum.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML block at the top of a Markdown file ({@code ---} … {@code ---}) and the body after it.
 * Only the fields Vademecum uses are kept; everything else in the block is ignored.
 *
 * @param languageNamedInFull the block says {@code language:}, as Vademecum's exports do, not
 *     {@code lang:}
 */
public record FrontMatter(
    Optional<String> title,
    Optional<String> language,
    List<String> tags,
    Optional<String> description,
    Optional<String> status,
    Optional<String> slug,
    Optional<String> generator,
    Optional<String> source,
    List<String> ignored,
    String body,
    int bodyStartLine,
    boolean languageNamedInFull) {

  /** The fields read; the others a generator writes (date, layout…) are ignored and named. */
  private static final List<String> FIELDS =
      List.of(
          "title",
          "language",
          "lang",
          "tags",
          "keywords",
          "description",
          "status",
          "slug",
          "generator",
          "source");

  /** What a Vademecum export says it is ({@code generator:}), beside its manual's address. */
  public static final String VADEMECUM = "Vademecum";

  /**
   * Whether the file says it is a Vademecum export: {@code generator: Vademecum}, or, in the
   * exports made before that line was written, a {@code slug} beside a {@code language} written in
   * full (other generators' pages carry a {@code slug} too, a Hugo or Eleventy page, with {@code
   * lang:} for Jekyll's and Eleventy's; their cleaning and their slugs are another matter).
   */
  public boolean fromVademecum() {
    return generator.filter(g -> g.equalsIgnoreCase(VADEMECUM)).isPresent()
        || (slug.isPresent() && languageNamedInFull);
  }

  /** Front matter that is not valid YAML; {@code line} is 1-based in the whole file. */
  public static final class InvalidFrontMatter extends RuntimeException {
    public final int line;

    InvalidFrontMatter(String message, int line) {
      super(message);
      this.line = line;
    }
  }

  public static FrontMatter parse(String text) {
    String normalised = LineEnds.unix(text);
    if (!normalised.startsWith("---\n")) {
      return none(normalised);
    }
    int end = findClosingFence(normalised);
    if (end < 0) {
      throw new InvalidFrontMatter("front matter opened with --- is never closed", 1);
    }
    String yaml = normalised.substring(4, end);
    int afterFence = normalised.indexOf('\n', end + 1);
    String body = afterFence < 0 ? "" : normalised.substring(afterFence + 1);
    int bodyStartLine = (int) yaml.lines().count() + 3;
    Map<?, ?> fields;
    try {
      fields = load(yaml);
    } catch (InvalidFrontMatter e) {
      if (namesNoField(yaml)) {
        // Not YAML and no field of front matter in it: prose between two rules ("Attention : lire
        // ceci" on a second line is no YAML). Refused, the whole file was not imported.
        return none(normalised);
      }
      throw e;
    }
    if (fields == null) {
      // Not fields (a rule at the top, then prose up to another rule): no front matter. Read as
      // one, the prose between the two rules was lost without a word.
      return none(normalised);
    }
    for (var field : fields.entrySet()) {
      if (unstorable(String.valueOf(field.getValue()))) {
        // YAML's escapes ("\0", "\uD83D") make characters the file's text did not hold, and
        // PostgreSQL refuses a NUL (a 500 at the import's confirmation) or stores "?" for half
        // a character.
        throw new InvalidFrontMatter(
            "invalid front matter: "
                + field.getKey()
                + " holds a NUL character or half of a character",
            lineOf(yaml, String.valueOf(field.getKey())));
      }
    }
    return new FrontMatter(
        string(fields.get("title")),
        string(fields.containsKey("language") ? fields.get("language") : fields.get("lang")),
        tags(fields.containsKey("tags") ? fields.get("tags") : fields.get("keywords")),
        string(fields.get("description")),
        string(fields.get("status")),
        string(fields.get("slug")),
        string(fields.get("generator")),
        string(fields.get("source")),
        fields.keySet().stream().map(String::valueOf).filter(key -> !FIELDS.contains(key)).toList(),
        body,
        bodyStartLine,
        fields.containsKey("language"));
  }

  /** Whether no line of the block starts with a field front matter uses ("title:"…). */
  private static boolean namesNoField(String yaml) {
    return yaml.lines()
        .map(String::strip)
        .noneMatch(line -> FIELDS.stream().anyMatch(field -> line.startsWith(field + ":")));
  }

  private static FrontMatter none(String text) {
    return new FrontMatter(
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        text,
        1,
        false);
  }

  /** A NUL, or half of a UTF-16 pair: text PostgreSQL cannot hold as it is. */
  private static boolean unstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return true;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The file's line (1-based) where the front matter names the field; its first line if not. */
  private static int lineOf(String yaml, String field) {
    List<String> lines = yaml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(field + ":")) {
        return i + 2;
      }
    }
    return 2;
  }

  private static int findClosingFence(String text) {
    int position = 4;
    while (position <= text.length()) {
      int lineEnd = text.indexOf('\n', position);
      String line = lineEnd < 0 ? text.substring(position) : text.substring(position, lineEnd);
      if (line.strip().equals("---") || line.strip().equals("...")) {
        return position;
      }
      if (lineEnd < 0) {
        return -1;
      }
      position = lineEnd + 1;
    }
    return -1;
  }

  /** The block's fields; null when it holds something else (a sentence, a list). */
  private static Map<?, ?> load(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(256 * 1024);
    try {
      // Every value is text, as written: YAML's implicit types made "title: 2024-03-01" a date
      // printed as "Fri Mar 01 01:00:00 CET 2024", "1.10" the number 1.1 and "language: no"
      // false. Lists stay lists (tags).
      Object loaded =
          new Yaml(
                  new SafeConstructor(options),
                  new Representer(new DumperOptions()),
                  new DumperOptions(),
                  options,
                  new Resolver() {
                    @Override
                    protected void addImplicitResolvers() {}
                  })
              .load(yaml);
      if (loaded == null) {
        return Map.of(); // "---" twice: an empty block
      }
      return loaded instanceof Map<?, ?> map ? map : null;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 2 : e.getProblemMark().getLine() + 2;
      throw new InvalidFrontMatter("invalid front matter: " + e.getProblem(), line);
    } catch (YAMLException e) {
      throw new InvalidFrontMatter("invalid front matter: " + e.getMessage(), 2);
    }
  }

  private static Optional<String> string(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).strip();
    // YAML's ways of writing "nothing", read as text now that values keep their written form.
    boolean nothing = text.isEmpty() || text.equals("~") || text.equalsIgnoreCase("null");
    return nothing ? Optional.empty() : Optional.of(text);
  }

  private static List<String> tags(Object value) {
    List<String> tags = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> string(item).ifPresent(tags::add));
    } else if (value != null) {
      for (String part : String.valueOf(value).split(",")) {
        string(part).ifPresent(tags::add);
      }
    }
    return Tags.normalise(tags);
  }
}
