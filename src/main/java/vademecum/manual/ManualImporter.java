package vademecum.manual;

import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.NodeVisitor;
import com.vladsch.flexmark.util.ast.VisitHandler;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

  private final ManualService manuals;
  private final ManualRepository repository;
  private final ProcedureRepository procedures = new ProcedureRepository();
  private final MarkdownRenderer markdown;
  private final DSLContext db;
  private final FileStore store;

  public ManualImporter(
      DSLContext db,
      ManualService manuals,
      ManualRepository repository,
      MarkdownRenderer markdown,
      FileStore store) {
    this.db = db;
    this.manuals = manuals;
    this.repository = repository;
    this.markdown = markdown;
    this.store = store;
  }

  /**
   * The other files of an import (screenshots, attachments), by their path from the import root:
   * the entries of an archive, or the files of a folder.
   */
  @FunctionalInterface
  public interface Attachments {
    Optional<byte[]> read(String path);

    Attachments NONE = path -> Optional.empty();

    static Attachments of(Map<String, byte[]> files) {
      return path -> Optional.ofNullable(files.get(path));
    }

    /**
     * The files under {@code root}; a path cannot leave it, neither by ".." (the importer resolves
     * it) nor through a symbolic link: a folder holding {@code img -> /} would otherwise publish
     * any file the server can read to the workspace's members.
     */
    static Attachments folder(Path root) {
      Path base = root.toAbsolutePath().normalize();
      return path -> {
        try {
          Path file = base.resolve(path).normalize();
          if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            return Optional.empty();
          }
          if (!file.toRealPath().startsWith(base.toRealPath())) {
            return Optional.empty();
          }
          return Optional.of(Files.readAllBytes(file));
        } catch (IOException | InvalidPathException e) {
          return Optional.empty();
        }
      };
    }
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
  public record Source(String sourcePath, Path file) {
    /** The folder the source path starts from, where its screenshots are looked for. */
    Path root() {
      Path root = file.toAbsolutePath().getParent();
      for (int depth = sourcePath.split("/").length - 1; depth > 0 && root != null; depth--) {
        root = root.getParent();
      }
      return root;
    }
  }

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
              .filter(p -> !UploadedFiles.ignored(relative(absolute, p)))
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

  /** Imports, leaving alone every manual changed in Vademecum since its file's last import. */
  public List<Outcome> importAll(
      Workspace workspace,
      Optional<String> language,
      List<Source> sources,
      Actor actor,
      Listener listener) {
    return importAll(workspace, language, sources, actor, false, listener);
  }

  /**
   * @param replaceEdits whether a file replaces a manual someone changed in Vademecum since its
   *     last import (their text stays in the history); if not, that file fails and says so
   */
  public List<Outcome> importAll(
      Workspace workspace,
      Optional<String> language,
      List<Source> sources,
      Actor actor,
      boolean replaceEdits,
      Listener listener) {
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, Path> named = new HashMap<>();
    for (Source source : sources) {
      Outcome outcome;
      Path first = named.putIfAbsent(source.sourcePath(), source.file());
      if (first != null) {
        // Two files under one name ("a/README.md" and "b/README.md" named on their own) would be
        // one manual, the second replacing the first.
        outcome =
            failed(
                source.sourcePath(),
                "another file of this import, "
                    + first
                    + ", has the same name: import their common folder instead");
      } else {
        outcome = importSource(workspace, language, source, actor, replaceEdits);
      }
      outcomes.add(outcome);
      listener.imported(outcomes.size(), sources.size(), outcome);
    }
    return outcomes;
  }

  /** One file of a command-line import: planned, then applied unless it would replace edits. */
  private Outcome importSource(
      Workspace workspace,
      Optional<String> language,
      Source source,
      Actor actor,
      boolean replaceEdits) {
    try {
      if (!source.file().toRealPath().startsWith(source.root().toRealPath())) {
        // The folder is a client's, and a symbolic link in it may point anywhere on the server
        // (its secrets included). Links within the folder (git-annex makes every file one) are
        // read like files.
        return failed(source.sourcePath(), "a link to a file outside the folder: not imported");
      }
      Plan plan =
          plan(
              workspace,
              source.sourcePath(),
              Files.readAllBytes(source.file()),
              language,
              Attachments.folder(source.root()),
              actor);
      if (plan.replaces() != null && !replaceEdits) {
        return failed(
            source.sourcePath(),
            "changed in Vademecum since its last import ("
                + plan.replaces()
                + "): not replaced. Bring those changes into the file (export the"
                + " manual), or import with --replace-edits");
      }
      return apply(workspace, plan, actor);
    } catch (IOException e) {
      return failed(source.sourcePath(), "cannot read the file: " + e.getMessage());
    } catch (StackOverflowError e) {
      // One file nested thousands of levels deep must not stop the others, as on the web.
      return failed(
          source.sourcePath(),
          "nested too deeply to be read (quotes, lists or brackets inside one another"
              + " thousands of times)");
    }
  }

  public Outcome importOne(
      Workspace workspace,
      String sourcePath,
      byte[] bytes,
      Optional<String> language,
      Actor actor) {
    return apply(
        workspace, plan(workspace, sourcePath, bytes, language, Attachments.NONE, actor), actor);
  }

  /**
   * What importing one file would do, decided without writing anything: the upload page shows these
   * before the person confirms.
   *
   * @param slug the manual that would be updated; null when one would be created
   * @param message why it fails, or for one that does not, what it leaves out (lines of their own)
   * @param replaces the revision saved in Vademecum since this file's last import that the import
   *     would replace ("revision 4 by Marie Dubois"); null when the manual is as last imported
   */
  public record Plan(
      String sourcePath,
      Status status,
      String message,
      Draft draft,
      String slug,
      String replaces) {}

  /**
   * The note of a revision an import wrote: how a later import knows the manual is as it left it.
   */
  static String importNote(String sourcePath) {
    return "Imported from " + sourcePath;
  }

  /**
   * What importing one file would do. The screenshots and files its text links by relative paths
   * are kept already (once per workspace; removed after a week if the import is not confirmed), so
   * that the plan holds the text as it will be saved; those missing or refused are named, with
   * their line, in the message.
   */
  public Plan plan(
      Workspace workspace,
      String sourcePath,
      byte[] bytes,
      Optional<String> language,
      Attachments attachments,
      Actor actor) {
    if (!sourcePath.toLowerCase(Locale.ROOT).endsWith(".md")) {
      return refused(sourcePath, "not a Markdown file (expected a .md file)");
    }
    if (sourcePath.length() > UploadedFiles.MAX_PATH) {
      // The path is the manual's key for later imports: PostgreSQL indexes a few kilobytes (of
      // what it cannot compress), and an insert past that was a 500. (Odd characters are kept:
      // the export writes a safe name and keeps this one in its index.)
      return refused(
          sourcePath,
          "a path longer than " + UploadedFiles.MAX_PATH + " characters cannot be a manual's path");
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
    // A Vademecum export (it names its manual's address) holds the text as Vademecum stores it:
    // cleaning it as another generator's output removed what its author wrote ({% … %} in a
    // procedure about a shop's templates, a comment, a first heading like the title).
    boolean exported = front.fromVademecum();
    String body = exported ? front.body() : ImportCleaner.clean(front.body());
    Relinked relinked = relink(workspace, sourcePath, text, body, attachments, actor);
    body = relinked.body();
    String title = front.title().orElse(null);
    ImportCleaner.LeadingHeading h1 = exported ? null : ImportCleaner.leadingHeading(body);
    if (h1 != null) {
      String heading = plainHeading(h1.text());
      if (title == null || Slugs.fold(title).equals(Slugs.fold(heading))) {
        title = title == null ? heading : title;
        body = body.substring(h1.end());
      }
    }
    if (title == null || title.isBlank()) {
      title = titleFromPath(sourcePath);
    }
    String shortened = shorten(title);
    String notes = relinked.warnings();
    if (!front.ignored().isEmpty()) {
      // Said, so that text read as front matter by mistake ("Important: …" between two rules)
      // shows in the preview instead of going without a word.
      notes =
          withLine(
              notes,
              "front matter fields not read: "
                  + String.join(
                      ", ", front.ignored().stream().map(ManualImporter::shown).toList()));
    }
    if (!shortened.equals(title)) {
      // A heading read only in part (MAX_HEADING) had more than what was read.
      boolean readInPart = h1 != null && h1.text().length() > MAX_HEADING;
      notes =
          withLine(
              notes,
              "title cut to "
                  + MAX_TITLE
                  + " characters (it had "
                  + (readInPart ? "more than " + MAX_HEADING : title.length())
                  + ")");
    }
    title = shortened;
    Optional<String> said =
        language
            .or(() -> front.language().map(ManualImporter::normaliseLanguage))
            .filter(l -> l.equals("fr") || l.equals("en"));
    String guessed = LanguageGuess.guess(title + "\n" + front.body());
    // A text too short to tell (a title and a line) is in the workspace's usual language: it was
    // English whatever the workspace, and said nowhere.
    String usual = repository.usualLanguage(db, workspace.id()).orElse("fr");
    String lang = said.orElseGet(() -> guessed == null ? usual : guessed);
    if (said.isEmpty() && guessed == null && front.language().isEmpty()) {
      notes = withLine(notes, "language not said and not clear from the text: taken as " + lang);
    }
    if (language.isEmpty()
        && front
            .language()
            .map(ManualImporter::normaliseLanguage)
            .filter(l -> !l.equals(lang))
            .isPresent()) {
      // "language: de": Vademecum reads French and English; said, not silently replaced.
      notes =
          withLine(
              notes,
              "language: %s (line %d) is neither fr nor en: taken as %s, from its text"
                  .formatted(
                      shown(front.language().orElseThrow()),
                      frontMatterLine(text, "language"),
                      lang));
    }
    // An exported draft or archived manual comes back as a draft: readers did not see it there.
    Optional<String> hiddenAs =
        front
            .status()
            .map(status -> status.strip().toLowerCase(Locale.ROOT))
            .filter(
                status ->
                    status.equals(ManualExporter.DRAFT) || status.equals(ManualExporter.ARCHIVED));
    boolean hidden = hiddenAs.isPresent();
    String hiddenLine =
        hiddenAs.map(status -> "kept as a draft (status: " + status + ")").orElse(null);
    // A file is its manual's by the path it was imported from; a manual written in Vademecum has
    // none, and its export names it by its address ("slug:"), as it does a manual whose path an
    // import skips (a hidden folder, read by the command line before it skipped them too).
    Optional<Manual> byPath = repository.bySourcePath(db, workspace.id(), sourcePath);
    Optional<Manual> named =
        front
            .slug()
            .filter(slug -> exported)
            .flatMap(slug -> repository.bySlug(db, workspace.id(), slug))
            .filter(m -> !m.isDeleted());
    if (byPath.isPresent() && named.isPresent() && named.get().id() != byPath.get().id()) {
      // An export of one manual under the file name another was imported from: writing it over
      // that other manual would lose its text and its readers' confirmations.
      return refused(
          sourcePath,
          ("slug: %s (line %d) names another manual than %s, which this file's name (%s)"
                  + " updates: rename the file, or remove its slug line to update %s.")
              .formatted(
                  shown(named.get().slug()),
                  frontMatterLine(text, "slug"),
                  shown(byPath.get().slug()),
                  shown(sourcePath),
                  shown(byPath.get().slug())));
    }
    // An export names the path its manual was imported from ("source:") when its file name had to
    // differ ("README.MD" written "README.md", a name cut or made unique): the slug then finds it.
    Optional<Manual> existing =
        byPath.or(
            () ->
                named.filter(
                    m ->
                        m.sourcePath() == null
                            || UploadedFiles.ignored(m.sourcePath())
                            || front.source().filter(m.sourcePath()::equals).isPresent()));
    Optional<Revision> latest =
        existing.map(m -> repository.revisionById(db, m.latestRevisionId()).orElseThrow());
    body =
        markdown
            .splitter()
            // Blank lines before the text go, not the first line's own indentation: it makes an
            // indented code block ("    npm install" under the title was read as a paragraph).
            // Repeated headings keep the keys they had in the stored text, found by their text.
            .withUniqueKeys(
                ManualExporter.trimmed(body),
                latest.map(Revision::markdown).orElse(null),
                existing.map(m -> procedures.keys(db, m.id())).orElse(Set.of()));
    Draft draft =
        new Draft(
            title,
            lang,
            front.tags(),
            front.description().orElse(""),
            body,
            latest.map(Revision::number).orElse(null),
            importNote(sourcePath),
            false,
            !hidden);
    try {
      manuals.check(draft);
    } catch (Refusal.Invalid | Refusal.TooLarge e) {
      return refused(sourcePath, e.getMessage());
    }
    if (existing.isEmpty()) {
      return new Plan(sourcePath, Status.CREATED, withLine(notes, hiddenLine), draft, null, null);
    }
    Revision current = latest.orElseThrow();
    // A file that is not a draft says what readers read: it is compared with the published text
    // (an export carries that one, and its manual's newer draft beside it).
    Revision compared =
        hidden || existing.get().publishedRevisionId() == null
            ? current
            : repository.revisionById(db, existing.get().publishedRevisionId()).orElseThrow();
    boolean same =
        compared.title().equals(draft.title())
            && existing.get().language().equals(draft.language())
            && compared.tags().equals(draft.tags())
            && Objects.equals(compared.description(), draft.description())
            && ManualService.sameText(compared.markdown(), draft.markdown());
    // Someone saved the manual in Vademecum since this file was last imported: importing it
    // again replaces their text (it stays in the history). Said in the preview; the command
    // line refuses unless told to replace.
    String replaces =
        same || current.note().equals(importNote(sourcePath))
            ? null
            : "revision %d by %s".formatted(current.number(), current.authorName());
    String message = withLine(notes, hiddenLine);
    if (replaces != null) {
      message =
          withLine(
              message,
              "changed in Vademecum since its last import: replaces "
                  + replaces
                  + " (kept in history)");
    }
    return new Plan(
        sourcePath,
        same ? Status.UNCHANGED : Status.UPDATED,
        message,
        draft,
        existing.get().slug(),
        replaces);
  }

  private record Relinked(String body, String warnings) {}

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /**
   * Points the text's relative links to screenshots and files at the workspace's copies. Links to
   * other Markdown files stay as they are (pages lead them to the imported manuals).
   */
  private Relinked relink(
      Workspace workspace,
      String sourcePath,
      String original,
      String body,
      Attachments attachments,
      Actor actor) {
    // Each link's address where the parser found it: the text is rewritten in one pass, links in
    // code stay as written, and a file linked a thousand ways is kept once.
    List<LinkAt> links = new ArrayList<>();
    new NodeVisitor(
            new VisitHandler<>(Image.class, image -> links.add(LinkAt.of(image.getUrl()))),
            new VisitHandler<>(Link.class, link -> links.add(LinkAt.of(link.getUrl()))),
            new VisitHandler<>(Reference.class, ref -> links.add(LinkAt.of(ref.getUrl()))))
        .visit(markdown.parser().parse(body));
    List<String> warnings = new ArrayList<>();
    int unreported = 0;
    Map<String, Optional<String>> addressOfPath = new HashMap<>();
    Map<String, String> addressOfTarget = new HashMap<>();
    for (String target : links.stream().map(LinkAt::target).distinct().toList()) {
      String path = attachmentPath(sourcePath, target);
      if (path == null) {
        continue;
      }
      Optional<String> address = addressOfPath.get(path);
      if (address == null) {
        List<String> problem = new ArrayList<>();
        address = keep(workspace, actor, path, attachments, problem);
        addressOfPath.put(path, address);
        if (!problem.isEmpty() && warnings.size() < MAX_LINK_WARNINGS) {
          String shown = target + " (line " + lineOf(original, target) + ")";
          problem.forEach(line -> warnings.add(line.replace("{link}", shown)));
        } else if (!problem.isEmpty()) {
          unreported++;
        }
      }
      address.ifPresent(a -> addressOfTarget.put(target, a));
    }
    if (unreported > 0) {
      warnings.add("and " + unreported + " more links to files.");
    }
    StringBuilder relinked = new StringBuilder(body.length());
    int copied = 0;
    for (LinkAt link : links.stream().sorted(Comparator.comparingInt(LinkAt::start)).toList()) {
      String address = addressOfTarget.get(link.target());
      if (address != null && link.start() >= copied) {
        relinked.append(body, copied, link.start()).append(address);
        copied = link.end();
      }
    }
    relinked.append(body, copied, body.length());
    return new Relinked(relinked.toString(), String.join("\n", warnings));
  }

  /** A report lists this many links to files it could not keep, then counts the others. */
  private static final int MAX_LINK_WARNINGS = 20;

  /** A link's address and where it stands in the text. */
  private record LinkAt(String target, int start, int end) {
    static LinkAt of(BasedSequence url) {
      return new LinkAt(url.toString(), url.getStartOffset(), url.getEndOffset());
    }
  }

  /**
   * The workspace's address for an import's file, or empty with the reason in {@code problem}
   * ({@code {link}} standing for the link as the report shows it).
   */
  private Optional<String> keep(
      Workspace workspace,
      Actor actor,
      String path,
      Attachments attachments,
      List<String> problem) {
    Optional<byte[]> bytes = attachments.read(path);
    if (bytes.isEmpty()) {
      problem.add("{link} is not in the import: its link is kept as written.");
      return Optional.empty();
    }
    try {
      String name = path.substring(path.lastIndexOf('/') + 1);
      return Optional.of(store.keep(workspace, actor, name, bytes.get()));
    } catch (Refusal refusal) {
      problem.add("{link} was not kept:");
      problem.add(refusal.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The import path a relative link names, or null: addresses with a scheme, absolute paths,
   * anchors, Markdown files and paths leaving the import are not files of the import.
   */
  static String attachmentPath(String sourcePath, String target) {
    if (target.isEmpty()
        || target.startsWith("/")
        || target.startsWith("#")
        || target.startsWith("?")
        || SCHEME.matcher(target).find()) {
      return null;
    }
    String path = target.replaceFirst("[?#].*$", "");
    String decoded;
    try {
      decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = path;
    }
    if (decoded.isEmpty() || decoded.toLowerCase(Locale.ROOT).endsWith(".md")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    int slash = sourcePath.lastIndexOf('/');
    if (slash > 0) {
      for (String part : sourcePath.substring(0, slash).split("/")) {
        parts.addLast(part);
      }
    }
    for (String part : decoded.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }

  /** The first line of the file that names the target, for the report. */
  private static int lineOf(String text, String target) {
    int at = text.indexOf(target);
    if (at < 0) {
      return 1;
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Carries out a plan: creates or saves (and publishes) the manual. */
  public Outcome apply(Workspace workspace, Plan plan, Actor actor) {
    if (plan.status() == Status.FAILED) {
      return failed(plan.sourcePath(), plan.message());
    }
    if (plan.status() == Status.UNCHANGED) {
      // Nothing to write: saving would put the file's text over a newer draft.
      return new Outcome(
          plan.sourcePath(),
          Status.UNCHANGED,
          plan.slug(),
          plan.draft().baseNumber(),
          plan.message());
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
            plan.message());
      }
      ManualService.Saved saved = manuals.save(workspace, plan.slug(), plan.draft(), actor);
      return new Outcome(
          plan.sourcePath(),
          saved.created() ? Status.UPDATED : Status.UNCHANGED,
          plan.slug(),
          saved.revision().number(),
          plan.message());
    } catch (Refusal e) {
      // Any refusal (a manual deleted since the preview, a conflict, a text too large) fails
      // this file with its reason; the files after it are still imported and reported.
      return failed(plan.sourcePath(), e.getMessage());
    }
  }

  /** The message with one more line of its own (null adds nothing). */
  private static String withLine(String message, String line) {
    if (line == null) {
      return message;
    }
    return message == null || message.isBlank() ? line : message + "\n" + line;
  }

  private static Plan refused(String sourcePath, String message) {
    return new Plan(sourcePath, Status.FAILED, message, null, null, null);
  }

  /**
   * A heading's source read for a title at most: the patterns below scan to the end of the line
   * from every "{#" or "[", and a 2 MB heading of them took hours of a core.
   */
  static final int MAX_HEADING = 2_000;

  /** A heading line as a title: no {#id}, no images (badges), links reduced to their text. */
  static String plainHeading(String heading) {
    String source = heading.length() > MAX_HEADING ? heading.substring(0, MAX_HEADING) : heading;
    return source
        .replaceAll("\\s*\\{#[^}]*\\}$", "")
        .replaceAll("\\[!\\[[^\\]]*\\]\\([^)]*\\)\\]\\([^)]*\\)", "")
        .replaceAll("!\\[[^\\]]*\\]\\([^)]*\\)", "")
        .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
        .replaceAll("[*_`]", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** A manual's title is at most this long; an import's longer one is cut, and told so. */
  static final int MAX_TITLE = 200;

  private static String shorten(String title) {
    if (title.length() <= MAX_TITLE) {
      return title;
    }
    String cut = title.substring(0, MAX_TITLE - 1);
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

  /** A value from a file, for a message: one short line. */
  private static String shown(String value) {
    String line = value.strip().replaceAll("\\p{Cntrl}", " ");
    return line.length() > 20 ? line.substring(0, 20) + "…" : line;
  }

  /** The line of the front matter's {@code key:} in the file (1 when it cannot be told). */
  static int frontMatterLine(String text, String key) {
    String[] lines = text.split("\n", 200);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.equals("---") || line.equals("...")) {
        break;
      }
      if (line.toLowerCase(Locale.ROOT).startsWith(key + ":")) {
        return i + 1;
      }
    }
    return 1;
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
