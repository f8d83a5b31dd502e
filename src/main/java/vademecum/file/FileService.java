package vademecum.file;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import vademecum.kernel.Actor;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Sizes;
import vademecum.kernel.Workspace;
import vademecum.manual.FileStore;
import vademecum.markdown.FileRefs;

/**
 * Screenshots and attached files: checked, cleaned and kept once per workspace; readable by those
 * who can read a manual that uses them.
 */
public final class FileService implements FileStore {
  /** A file uploaded (last) but used by no saved revision is removed after this long. */
  public static final Duration KEEP_UNUSED = Duration.ofDays(7);

  private final DSLContext db;
  private final FileRepository files;
  private final int maxFileBytes;
  private final long maxImagePixels;
  private final long workspaceBytes;

  public FileService(
      DSLContext db,
      FileRepository files,
      int maxFileBytes,
      long maxImagePixels,
      long workspaceBytes) {
    this.db = db;
    this.files = files;
    this.maxFileBytes = maxFileBytes;
    this.maxImagePixels = maxImagePixels;
    this.workspaceBytes = workspaceBytes;
  }

  public int maxFileBytes() {
    return maxFileBytes;
  }

  /**
   * Control characters and direction overrides leave the name a file is shown and downloaded by: a
   * browser sends them from an RFC 5987 name ({@code filename*=UTF-8''a%00.png}), PostgreSQL
   * refuses a NUL in text, and U+202E shows "facture‮gnp.exe" as "factureexe.png".
   */
  private static String shownName(String name) {
    String cleaned = name == null ? "" : NOT_SHOWN.matcher(name).replaceAll("").strip();
    return cleaned.isEmpty() ? "file" : cleaned;
  }

  private static final Pattern NOT_SHOWN =
      Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");

  public StoredFile upload(Workspace workspace, Actor actor, String name, byte[] bytes) {
    if (bytes.length == 0) {
      throw Refusal.badRequest("The file is empty.");
    }
    if (bytes.length > maxFileBytes) {
      throw Refusal.contentTooLarge(
          "This file is %s; files are limited to %s."
              .formatted(Sizes.human(bytes.length), Sizes.human(maxFileBytes)));
    }
    String shown = shownName(name);
    if (shown.length() > 200) {
      shown = shown.substring(shown.length() - 200);
    }
    FileTypes.Type type =
        FileTypes.of(bytes, shown)
            .orElseThrow(
                () ->
                    Refusal.unsupportedType(
                        "This type of file is not accepted. Accepted: " + FileTypes.ALLOWED + "."));
    byte[] kept = bytes;
    Integer width = null;
    Integer height = null;
    byte[] display = null;
    String displayType = null;
    if (type.image()) {
      Images.Cleaned cleaned = Images.clean(bytes, type, maxImagePixels);
      kept = cleaned.bytes();
      type = cleaned.type();
      width = cleaned.width();
      height = cleaned.height();
      display = cleaned.display();
      displayType = cleaned.displayType();
      if (kept.length > maxFileBytes) {
        // A WebP photo is kept as PNG, several times larger: stored over the limit, it counted
        // several times against the quota, and its workspace's export could not be imported back.
        throw Refusal.contentTooLarge(
            "Once converted to PNG, this image is %s; files are limited to %s."
                .formatted(Sizes.human(kept.length), Sizes.human(maxFileBytes)));
      }
    }
    String storedName = withExtension(shown, type.extension());
    String hash = sha256(kept);
    long adding = kept.length + (display == null ? 0 : display.length);
    byte[] content = kept;
    Integer w = width;
    Integer h = height;
    byte[] copy = display;
    String copyType = displayType;
    String contentType = type.contentType();
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          // Uploads to one workspace are serialised, so two at once cannot both pass the quota.
          files.lockWorkspace(tx, workspace.id());
          // Locked, and kept only if still there: a file the clean-up removed meanwhile is stored
          // again rather than handed out by an address that leads nowhere.
          Optional<StoredFile> existing = files.byHashForUpdate(tx, workspace.id(), hash);
          if (existing.isPresent() && files.uploadedAgain(tx, existing.get().id())) {
            // Linked under this upload's own name: the first one may have been chosen in a
            // private question ("iban.png") by someone else.
            return existing.get().named(storedName);
          }
          if (files.workspaceBytes(tx, workspace.id()) + adding > workspaceBytes) {
            throw Refusal.contentTooLarge(
                "This workspace's files would exceed %s, its limit. Ask the administrator for more room."
                    .formatted(Sizes.human(workspaceBytes)));
          }
          return files.insertOrGet(
              tx,
              workspace.id(),
              hash,
              storedName,
              contentType,
              content,
              w,
              h,
              copy,
              copyType,
              actor.accountId());
        });
  }

  /**
   * The file, if this reader may see it: editors see every file of the workspace (their drafts'
   * included), others those a published revision uses, the screenshots of the questions they may
   * read and the evidence on the workspace's runs (recruiters excepted). Otherwise the same 404 as
   * an unknown file.
   */
  public StoredFile read(Workspace workspace, Role role, long accountId, String sha256) {
    return files
        .byHash(db, workspace.id(), sha256)
        .filter(
            f ->
                role.canEdit()
                    || files.usedByAPublishedRevision(db, f.id())
                    || (role != Role.RECRUITER
                        && (files.usedByAQuestionOf(db, f.id(), accountId)
                            || files.usedByARun(db, f.id()))))
        .orElseThrow(() -> Refusal.notFound("There is no such file here."));
  }

  /**
   * A file for a candidate: the share link has already said that the procedures it shows use this
   * file, in this workspace.
   */
  public StoredFile readShared(long workspaceId, String sha256) {
    return files
        .byHash(db, workspaceId, sha256)
        .orElseThrow(() -> Refusal.notFound("There is no such file here."));
  }

  /**
   * The bytes of a file {@link #read} or {@link #readShared} let through: its display copy if it
   * has one, unless the original is asked for. Read only when the browser does not have them.
   */
  public FileRepository.Content content(StoredFile file, boolean original) {
    // Removed between the access check and this read (the clean-up of an unused file): as if it
    // had never been, not a 500.
    return files
        .content(db, file.id(), !original)
        .orElseThrow(() -> Refusal.notFound("There is no such file here."));
  }

  @Override
  public String keep(Workspace workspace, Actor actor, String name, byte[] bytes) {
    return upload(workspace, actor, name, bytes).address(workspace.slug());
  }

  @Override
  public String keepAsMarkdown(
      Workspace workspace, Actor actor, String name, byte[] bytes, String alt) {
    return upload(workspace, actor, name, bytes).markdown(workspace.slug(), alt);
  }

  @Override
  public Optional<Kept> kept(Workspace workspace, String sha256) {
    return files
        .byHash(db, workspace.id(), sha256)
        .flatMap(
            file ->
                files.content(db, file.id(), false).map(c -> new Kept(file.urlName(), c.bytes())));
  }

  /** In the transaction that saves a revision: the files its text uses stay with it. */
  public void linkRevision(DSLContext tx, long workspaceId, long revisionId, String markdown) {
    files.linkRevision(tx, workspaceId, revisionId, FileRefs.in(markdown));
  }

  public int removeUnused() {
    return files.deleteUnused(db, OffsetDateTime.now().minus(KEEP_UNUSED));
  }

  private static String withExtension(String name, String extension) {
    String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    return (base.isBlank() ? "file" : base) + "." + extension;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
