package vademecum.manual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Workspace;
import vademecum.markdown.FrontMatter;
import vademecum.markdown.ImportCleaner;
import vademecum.markdown.LanguageGuess;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Slugs;
import vademecum.markdown.TextChecks;

/**
 * Turns Markdown files into manuals. A file is matched to its manual by its path relative to the
 * import root, so importing the same folder again adds revisions instead of duplicates.
 */
public final class ManualImporter {
  private static final Pattern LEADING_H1 =
      Pattern.compile("\\A\\s*#\\s+(.+?)\\s*#*\\s*(?:\\n|\\z)");

  private final ManualService manuals;
  private final ManualRepository repository;
  private final MarkdownRenderer markdown;
  private final DSLContext db;

  public ManualImporter(
      DSLContext db,
      ManualService manuals,
      ManualRepository repository,
      MarkdownRenderer markdown) {
    this.db = db;
    this.manuals = manuals;
    this.repository = repository;
    this.markdown = markdown;
  }

  public enum Status {
    CREATED,
    UPDATED,
    UNCHANGED,
    FAILED
  }

  /** What happened to one file; {@code message} says why it failed, naming the line if known. */
  public record Outcome(
      String sourcePath, Status status, String manualSlug, int revision, String message) {}

  /** Called after each file, for progress bars. */
  public interface Listener {
    void imported(int done, int total, Outcome outcome);
  }

  /** A file to import: where it came from, relative to the import root, and its bytes. */
  public record Source(String sourcePath, Path file) {}

  /**
   * Every {@code .md} file under each path; a file named directly is imported even if its name does
   * not end in .md, so that it can be refused with a reason.
   */
  public static List<Source> collect(List<Path> paths) {
    List<Source> sources = new ArrayList<>();
    for (Path path : paths) {
      Path absolute = path.toAbsolutePath().normalize();
      if (Files.isDirectory(absolute)) {
        try (Stream<Path> walk = Files.walk(absolute)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
              .sorted()
              .forEach(p -> sources.add(new Source(relative(absolute, p), p)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        sources.add(new Source(absolute.getFileName().toString(), absolute));
      }
    }
    return sources;
  }

  public List<Outcome> importAll(
      Workspace workspace,
      Optional<String> language,
      List<Source> sources,
      Actor actor,
      Listener listener) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Source source : sources) {
      Outcome outcome;
      try {
        outcome =
            importOne(
                workspace, source.sourcePath(), Files.readAllBytes(source.file()), language, actor);
      } catch (IOException e) {
        outcome = failed(source.sourcePath(), "cannot read the file: " + e.getMessage());
      } catch (StackOverflowError e) {
        // One file nested thousands of levels deep must not stop the others, as on the web.
        outcome =
            failed(
                source.sourcePath(),
                "nested too deeply to be read (quotes, lists or brackets inside one another"
                    + " thousands of times)");
      }
      outcomes.add(outcome);
      listener.imported(outcomes.size(), sources.size(), outcome);
    }
    return outcomes;
  }

  public Outcome importOne(
      Workspace workspace,
      String sourcePath,
      byte[] bytes,
      Optional<String> language,
      Actor actor) {
    return apply(workspace, plan(workspace, sourcePath, bytes, language), actor);
  }

  /**
   * What importing one file would do, decided without writing anything: the upload page shows these
   * before the person confirms.
   *
   * @param slug the manual that would be updated; null when one would be created
   */
  public record Plan(String sourcePath, Status status, String message, Draft draft, String slug) {}

  public Plan plan(
      Workspace workspace, String sourcePath, byte[] bytes, Optional<String> language) {
    if (!sourcePath.toLowerCase(Locale.ROOT).endsWith(".md")) {
      return refused(sourcePath, "not a Markdown file (expected a .md file)");
    }
    String text;
    try {
      text = decode(bytes);
    } catch (CharacterCodingException e) {
      return refused(sourcePath, "not valid UTF-8 text (line " + lineOfInvalidByte(bytes) + ")");
    }
    if (text.indexOf('\0') >= 0) {
      return refused(sourcePath, "binary content, not Markdown");
    }
    // Before the front matter and the splitter parse it, so that lines are the file's own.
    Optional<String> shape = TextChecks.problem(text);
    if (shape.isPresent()) {
      return refused(sourcePath, shape.get());
    }
    FrontMatter front;
    try {
      front = FrontMatter.parse(text);
    } catch (FrontMatter.InvalidFrontMatter e) {
      return refused(sourcePath, e.getMessage() + " (line " + e.line + ")");
    }
    String body = ImportCleaner.clean(front.body());
    String title = front.title().orElse(null);
    Matcher h1 = LEADING_H1.matcher(body);
    if (h1.find()) {
      String heading = plainHeading(h1.group(1));
      if (title == null || Slugs.fold(title).equals(Slugs.fold(heading))) {
        title = title == null ? heading : title;
        body = body.substring(h1.end());
      }
    }
    if (title == null || title.isBlank()) {
      title = titleFromPath(sourcePath);
    }
    title = shorten(title);
    body = markdown.splitter().withUniqueKeys(body.strip() + "\n");
    String lang =
        language
            .or(() -> front.language().map(ManualImporter::normaliseLanguage))
            .filter(l -> l.equals("fr") || l.equals("en"))
            .orElseGet(() -> LanguageGuess.guess(front.body(), "en"));
    Optional<Manual> existing = repository.bySourcePath(db, workspace.id(), sourcePath);
    Optional<Revision> latest =
        existing.map(m -> repository.revisionById(db, m.latestRevisionId()).orElseThrow());
    Draft draft =
        new Draft(
            title,
            lang,
            front.tags(),
            front.description().orElse(""),
            body,
            latest.map(Revision::number).orElse(null),
            "Imported from " + sourcePath,
            false,
            true);
    try {
      manuals.check(draft);
    } catch (Refusal.Invalid | Refusal.TooLarge e) {
      return refused(sourcePath, e.getMessage());
    }
    if (existing.isEmpty()) {
      return new Plan(sourcePath, Status.CREATED, "", draft, null);
    }
    Revision current = latest.orElseThrow();
    boolean same =
        current.title().equals(draft.title())
            && existing.get().language().equals(draft.language())
            && current.tags().equals(draft.tags())
            && Objects.equals(current.description(), draft.description())
            && current.markdown().equals(draft.markdown());
    return new Plan(
        sourcePath, same ? Status.UNCHANGED : Status.UPDATED, "", draft, existing.get().slug());
  }

  /** Carries out a plan: creates or saves (and publishes) the manual. */
  public Outcome apply(Workspace workspace, Plan plan, Actor actor) {
    if (plan.status() == Status.FAILED) {
      return failed(plan.sourcePath(), plan.message());
    }
    try {
      if (plan.slug() == null) {
        ManualService.Saved saved =
            manuals.create(workspace, plan.draft(), plan.sourcePath(), actor);
        return new Outcome(
            plan.sourcePath(),
            Status.CREATED,
            saved.manual().slug(),
            saved.revision().number(),
            "");
      }
      ManualService.Saved saved = manuals.save(workspace, plan.slug(), plan.draft(), actor);
      return new Outcome(
          plan.sourcePath(),
          saved.created() ? Status.UPDATED : Status.UNCHANGED,
          plan.slug(),
          saved.revision().number(),
          "");
    } catch (Refusal.Invalid | Refusal.TooLarge | EditConflict e) {
      return failed(plan.sourcePath(), e.getMessage());
    }
  }

  private static Plan refused(String sourcePath, String message) {
    return new Plan(sourcePath, Status.FAILED, message, null, null);
  }

  /** A heading line as a title: no {#id}, no images (badges), links reduced to their text. */
  static String plainHeading(String heading) {
    return heading
        .replaceAll("\\s*\\{#[^}]*\\}$", "")
        .replaceAll("\\[!\\[[^\\]]*\\]\\([^)]*\\)\\]\\([^)]*\\)", "")
        .replaceAll("!\\[[^\\]]*\\]\\([^)]*\\)", "")
        .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
        .replaceAll("[*_`]", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** Titles longer than a manual title may be are cut at a word, not refused. */
  private static String shorten(String title) {
    if (title.length() <= 200) {
      return title;
    }
    String cut = title.substring(0, 199);
    int space = cut.lastIndexOf(' ');
    return (space > 100 ? cut.substring(0, space) : cut) + "…";
  }

  private static Outcome failed(String sourcePath, String message) {
    return new Outcome(sourcePath, Status.FAILED, null, 0, message);
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /** The line of the first byte that is not UTF-8, for the error message. */
  private static int lineOfInvalidByte(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    int line = 1;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
        } catch (CharacterCodingException e) {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return line;
  }

  private static String normaliseLanguage(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("fr")) {
      return "fr";
    }
    return lower.startsWith("en") ? "en" : lower;
  }

  /**
   * "guides/1-creer-un-compte.md" becomes "1 creer un compte"; an index page takes its folder's
   * name.
   */
  static String titleFromPath(String sourcePath) {
    String[] parts = sourcePath.split("/");
    String name = parts[parts.length - 1].replaceFirst("(?i)\\.md$", "");
    if ((name.equalsIgnoreCase("index") || name.equalsIgnoreCase("readme")) && parts.length > 1) {
      name = parts[parts.length - 2];
    }
    String words = name.replaceAll("[-_]+", " ").strip();
    return words.isEmpty() ? "Manual" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
