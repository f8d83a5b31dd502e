package vademecum.manual;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;

/**
 * Imports from the browser in two steps: the upload is read and planned (what would be created,
 * updated, left unchanged or refused, and why), kept for an hour, and imported when the person
 * confirms. The same rules as the command-line import apply, through {@link ManualImporter}.
 */
public final class UploadImports {
  static final Duration KEEP = Duration.ofHours(1);

  private final DSLContext db;
  private final ManualImporter importer;
  private final ImportUploadRepository uploads;
  private final int maxFileBytes;
  private final int maxAttachmentBytes;
  private final WorkspaceSettings settings;

  /**
   * @param maxFileBytes the largest Markdown file
   * @param maxAttachmentBytes the largest screenshot or other file in an archive
   */
  public UploadImports(
      DSLContext db,
      ManualImporter importer,
      ImportUploadRepository uploads,
      int maxFileBytes,
      int maxAttachmentBytes,
      WorkspaceSettings settings) {
    this.settings = settings;
    this.db = db;
    this.importer = importer;
    this.uploads = uploads;
    this.maxFileBytes = maxFileBytes;
    this.maxAttachmentBytes = maxAttachmentBytes;
  }

  /**
   * The Markdown files of an upload, each with the upload's other files to link, and the
   * workspace's synonyms when the archive carries them (an export of Vademecum does).
   */
  private record Read(
      List<UploadedFiles.File> markdown,
      ManualImporter.Attachments attachments,
      Optional<String> synonyms) {}

  private Read read(String fileName, byte[] content) {
    List<UploadedFiles.File> markdown = new ArrayList<>();
    Map<String, byte[]> others = new HashMap<>();
    String synonyms = null;
    for (UploadedFiles.File file :
        UploadedFiles.read(fileName, content, maxFileBytes, maxAttachmentBytes)) {
      if (file.markdown()) {
        markdown.add(file);
      } else if (file.path().equals(WorkspaceSettings.SYNONYMS)) {
        synonyms = utf8(file);
      } else {
        others.put(file.path(), file.bytes());
      }
    }
    return new Read(markdown, ManualImporter.Attachments.of(others), Optional.ofNullable(synonyms));
  }

  private static String utf8(UploadedFiles.File file) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file.bytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw Refusal.invalid(
          "synonyms", file.path() + " is not UTF-8 text: save it as UTF-8 and send it again.");
    }
  }

  public record Preview(String token, String fileName, List<ManualImporter.Plan> plans) {}

  /**
   * The plan as confirmed: an update saves from the revision the preview showed, so that a revision
   * saved in between makes a conflict (reported for that file) instead of being overwritten; a
   * manual created in between from the same file is a conflict too.
   */
  private static ManualImporter.Plan asPreviewed(ManualImporter.Plan plan, Integer previewedBase) {
    // Unchanged is unchanged whatever the preview saw: the same text imported meanwhile, or by
    // the first attempt of this very confirmation (see putBack).
    if (plan.status() == ManualImporter.Status.FAILED
        || plan.status() == ManualImporter.Status.UNCHANGED
        || plan.slug() == null) {
      return plan;
    }
    if (previewedBase == null) {
      return new ManualImporter.Plan(
          plan.sourcePath(),
          ManualImporter.Status.FAILED,
          "a manual was imported from this file by someone else after the preview",
          null,
          null,
          null);
    }
    Draft draft = plan.draft();
    return new ManualImporter.Plan(
        plan.sourcePath(),
        plan.status(),
        plan.message(),
        new Draft(
            draft.title(),
            draft.language(),
            draft.tags(),
            draft.description(),
            draft.markdown(),
            previewedBase,
            draft.note(),
            draft.minor(),
            draft.publish()),
        plan.slug(),
        plan.replaces());
  }

  public Preview preview(
      Workspace workspace,
      long accountId,
      String fileName,
      byte[] content,
      Optional<String> language) {
    Read read = read(fileName, content);
    if (read.markdown().isEmpty()) {
      throw Refusal.badRequest(fileName + " holds no .md file.");
    }
    // A synonym list that cannot be read is refused now, naming its line, not halfway through.
    read.synonyms().ifPresent(settings::checkSynonyms);
    Actor uploader = new Actor(accountId, "");
    List<ManualImporter.Plan> plans = new ArrayList<>();
    // The workspace's synonym list is replaced too: the preview says so, first.
    read.synonyms().ifPresent(text -> plans.add(synonymsPlan(workspace, text)));
    for (UploadedFiles.File file : read.markdown()) {
      plans.add(
          importer.plan(
              workspace, file.path(), file.bytes(), language, read.attachments(), uploader));
    }
    // What each existing manual was at in this preview: confirming saves from there.
    StringBuilder bases = new StringBuilder();
    if (read.synonyms().isPresent()) {
      // The list as this preview saw it: confirming replaces that one, not one saved since.
      bases
          .append(WorkspaceSettings.SYNONYMS)
          .append('\t')
          .append(settings.synonymsBase(workspace))
          .append('\n');
    }
    for (ManualImporter.Plan plan : plans) {
      if (plan.draft() != null && plan.draft().baseNumber() != null) {
        bases.append(plan.sourcePath()).append('\t').append(plan.draft().baseNumber()).append('\n');
      }
    }
    String token = Secrets.newToken();
    uploads.insert(
        db,
        token,
        workspace.id(),
        accountId,
        fileName,
        language.orElse(null),
        content,
        bases.toString(),
        OffsetDateTime.now().minus(KEEP));
    return new Preview(token, fileName, plans);
  }

  /** What the archive's synonyms.txt does to the workspace's list: replaces it, or nothing. */
  private ManualImporter.Plan synonymsPlan(Workspace workspace, String text) {
    String current = settings.synonyms(workspace).orElse("").replace("\r\n", "\n").strip();
    boolean same = current.equals(text.replace("\r\n", "\n").strip());
    return new ManualImporter.Plan(
        WorkspaceSettings.SYNONYMS,
        same ? ManualImporter.Status.UNCHANGED : ManualImporter.Status.UPDATED,
        same ? null : "replaces the workspace's synonym list",
        null,
        null,
        null);
  }

  /** Imports a previewed upload; it is then gone, so a second confirmation imports nothing. */
  public List<ManualImporter.Outcome> confirm(Workspace workspace, Actor actor, String token) {
    ImportUploadRepository.Upload upload =
        uploads
            .take(db, token, workspace.id(), actor.accountId(), OffsetDateTime.now().minus(KEEP))
            .orElseThrow(
                () ->
                    Refusal.notFound(
                        "This upload has expired or was already imported. Upload the file again."));
    Optional<String> language = Optional.ofNullable(upload.language());
    Map<String, Integer> bases = new HashMap<>();
    String synonymsBase = null;
    for (String line : upload.bases().split("\n")) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0 && line.substring(0, tab).equals(WorkspaceSettings.SYNONYMS)) {
        synonymsBase = line.substring(tab + 1);
      } else if (tab > 0) {
        bases.put(line.substring(0, tab), Integer.valueOf(line.substring(tab + 1)));
      }
    }
    try {
      return apply(workspace, actor, upload, language, bases, synonymsBase);
    } catch (RuntimeException e) {
      // Not a refusal of one file (those are reported on its row) but a failure halfway (the
      // database gone): the upload goes back, so that confirming again imports the rest; what was
      // already imported then comes back "unchanged".
      putBack(workspace, actor, token, upload, e);
      throw e;
    }
  }

  private void putBack(
      Workspace workspace,
      Actor actor,
      String token,
      ImportUploadRepository.Upload upload,
      RuntimeException cause) {
    try {
      uploads.insert(
          db,
          token,
          workspace.id(),
          actor.accountId(),
          upload.fileName(),
          upload.language(),
          upload.content(),
          upload.bases(),
          OffsetDateTime.now().minus(KEEP));
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private List<ManualImporter.Outcome> apply(
      Workspace workspace,
      Actor actor,
      ImportUploadRepository.Upload upload,
      Optional<String> language,
      Map<String, Integer> bases,
      String synonymsBase) {
    List<ManualImporter.Outcome> outcomes = new ArrayList<>();
    Read read = read(upload.fileName(), upload.content());
    read.synonyms()
        .ifPresent(
            text -> {
              ManualImporter.Plan plan = synonymsPlan(workspace, text);
              if (plan.status() == ManualImporter.Status.UPDATED
                  && !settings.importSynonyms(
                      workspace,
                      actor,
                      text,
                      synonymsBase == null ? settings.synonymsBase(workspace) : synonymsBase)) {
                outcomes.add(
                    new ManualImporter.Outcome(
                        plan.sourcePath(),
                        ManualImporter.Status.FAILED,
                        null,
                        0,
                        "someone saved the workspace's synonym list after the preview: it was"
                            + " not replaced"));
                return;
              }
              outcomes.add(
                  new ManualImporter.Outcome(
                      plan.sourcePath(), plan.status(), null, 0, plan.message()));
            });
    for (UploadedFiles.File file : read.markdown()) {
      ManualImporter.Plan plan =
          importer.plan(workspace, file.path(), file.bytes(), language, read.attachments(), actor);
      outcomes.add(importer.apply(workspace, asPreviewed(plan, bases.get(file.path())), actor));
    }
    return outcomes;
  }
}
