package vademecum.manual;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vademecum.Refusal;
import vademecum.account.Actor;
import vademecum.account.Secrets;
import vademecum.workspace.Workspace;

/**
 * Imports from the browser in two steps: the upload is read and planned (what would be created,
 * updated, left unchanged or refused, and why), kept for an hour, and imported when the person
 * confirms. The same rules as the command-line import apply, through {@link ManualImporter}.
 */
public final class UploadImports {
  static final Duration KEEP = Duration.ofHours(1);

  private final ManualImporter importer;
  private final ImportUploadRepository uploads;
  private final int maxFileBytes;

  public UploadImports(ManualImporter importer, ImportUploadRepository uploads, int maxFileBytes) {
    this.importer = importer;
    this.uploads = uploads;
    this.maxFileBytes = maxFileBytes;
  }

  public record Preview(String token, String fileName, List<ManualImporter.Plan> plans) {}

  public Preview preview(
      Workspace workspace,
      long accountId,
      String fileName,
      byte[] content,
      Optional<String> language) {
    List<UploadedFiles.File> files = UploadedFiles.read(fileName, content, maxFileBytes);
    if (files.isEmpty()) {
      throw Refusal.badRequest(fileName + " holds no .md file.");
    }
    List<ManualImporter.Plan> plans = new ArrayList<>();
    for (UploadedFiles.File file : files) {
      plans.add(importer.plan(workspace, file.path(), file.bytes(), language));
    }
    String token = Secrets.newToken();
    uploads.insert(
        token,
        workspace.id(),
        accountId,
        fileName,
        language.orElse(null),
        content,
        OffsetDateTime.now().minus(KEEP));
    return new Preview(token, fileName, plans);
  }

  /** Imports a previewed upload; it is then gone, so a second confirmation imports nothing. */
  public List<ManualImporter.Outcome> confirm(Workspace workspace, Actor actor, String token) {
    ImportUploadRepository.Upload upload =
        uploads
            .take(token, workspace.id(), actor.accountId(), OffsetDateTime.now().minus(KEEP))
            .orElseThrow(
                () ->
                    Refusal.notFound(
                        "This upload has expired or was already imported. Upload the file again."));
    Optional<String> language = Optional.ofNullable(upload.language());
    List<ManualImporter.Outcome> outcomes = new ArrayList<>();
    for (UploadedFiles.File file :
        UploadedFiles.read(upload.fileName(), upload.content(), maxFileBytes)) {
      outcomes.add(
          importer.apply(
              workspace, importer.plan(workspace, file.path(), file.bytes(), language), actor));
    }
    return outcomes;
  }
}
