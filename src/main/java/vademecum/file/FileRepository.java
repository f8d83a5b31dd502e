package vademecum.file;

import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.QUESTION;
import static vademecum.db.schema.Tables.QUESTION_FILE;
import static vademecum.db.schema.Tables.QUESTION_MESSAGE;
import static vademecum.db.schema.Tables.REVISION_FILE;
import static vademecum.db.schema.Tables.RUN;
import static vademecum.db.schema.Tables.RUN_STEP_FILE;
import static vademecum.db.schema.Tables.STORED_FILE;
import static vademecum.db.schema.Tables.SUGGESTION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vademecum.db.Columns;

/** SQL for stored files and the revisions that use them. Every method runs on the given context. */
public final class FileRepository {
  private static final List<Field<?>> COLUMNS =
      List.of(
          STORED_FILE.ID,
          STORED_FILE.WORKSPACE_ID,
          STORED_FILE.SHA256,
          STORED_FILE.NAME,
          STORED_FILE.CONTENT_TYPE,
          STORED_FILE.SIZE,
          STORED_FILE.WIDTH,
          STORED_FILE.HEIGHT,
          STORED_FILE.DISPLAY.isNotNull().as("has_display"));

  private static StoredFile file(Columns r) {
    return new StoredFile(
        r.get(STORED_FILE.ID),
        r.get(STORED_FILE.WORKSPACE_ID),
        r.get(STORED_FILE.SHA256),
        r.get(STORED_FILE.NAME),
        r.get(STORED_FILE.CONTENT_TYPE),
        r.get(STORED_FILE.SIZE),
        r.get(STORED_FILE.WIDTH),
        r.get(STORED_FILE.HEIGHT),
        Boolean.TRUE.equals(r.get(DSL.field(DSL.name("has_display"), Boolean.class))));
  }

  /** Keeps the file unless the workspace already has these bytes; either way, the kept row. */
  public StoredFile insertOrGet(
      DSLContext db,
      long workspaceId,
      String sha256,
      String name,
      String contentType,
      byte[] content,
      Integer width,
      Integer height,
      byte[] display,
      String displayType,
      long uploadedBy) {
    db.insertInto(STORED_FILE)
        .set(STORED_FILE.WORKSPACE_ID, workspaceId)
        .set(STORED_FILE.SHA256, sha256)
        .set(STORED_FILE.NAME, name)
        .set(STORED_FILE.CONTENT_TYPE, contentType)
        .set(STORED_FILE.SIZE, content.length)
        .set(STORED_FILE.WIDTH, width)
        .set(STORED_FILE.HEIGHT, height)
        .set(STORED_FILE.CONTENT, content)
        .set(STORED_FILE.DISPLAY, display)
        .set(STORED_FILE.DISPLAY_TYPE, displayType)
        .set(STORED_FILE.UPLOADED_BY, uploadedBy)
        .onConflict(STORED_FILE.WORKSPACE_ID, STORED_FILE.SHA256)
        .doNothing()
        .execute();
    return byHash(db, workspaceId, sha256).orElseThrow();
  }

  /** The same bytes uploaded again: kept as long as a new upload would be. */
  /** Marks the file uploaded now; false when it is gone (removed by the clean-up meanwhile). */
  public boolean uploadedAgain(DSLContext db, long fileId) {
    return db.update(STORED_FILE)
            .set(STORED_FILE.LAST_UPLOADED_AT, DSL.currentOffsetDateTime())
            .where(STORED_FILE.ID.eq(fileId))
            .execute()
        > 0;
  }

  public Optional<StoredFile> byHash(DSLContext db, long workspaceId, String sha256) {
    return db.select(COLUMNS)
        .from(STORED_FILE)
        .where(STORED_FILE.WORKSPACE_ID.eq(workspaceId).and(STORED_FILE.SHA256.eq(sha256)))
        .fetchOptional(r -> file(Columns.of(r)));
  }

  /**
   * The file, its row locked until the transaction ends: the clean-up of unused files then either
   * removed it already (none is found) or sees it uploaded again and leaves it.
   */
  public Optional<StoredFile> byHashForUpdate(DSLContext db, long workspaceId, String sha256) {
    return db.select(COLUMNS)
        .from(STORED_FILE)
        .where(STORED_FILE.WORKSPACE_ID.eq(workspaceId).and(STORED_FILE.SHA256.eq(sha256)))
        // Not FOR UPDATE: that also waits for a save linking the file (its FOR KEY SHARE), while
        // the clean-up's delete still waits for this.
        .forNoKeyUpdate()
        .fetchOptional(r -> file(Columns.of(r)));
  }

  /** The bytes to send: the display copy when asked for and made, else the original. */
  public record Content(byte[] bytes, String contentType) {}

  /** Empty when the file was removed since it was found (the clean-up of unused files). */
  public Optional<Content> content(DSLContext db, long fileId, boolean display) {
    // Only the bytes sent are read (PostgreSQL reads a CASE's other branch not at all): both were,
    // so a photo's download held its original and its display copy in the heap at once.
    Field<byte[]> bytes =
        display
            ? DSL.when(STORED_FILE.DISPLAY.isNotNull(), STORED_FILE.DISPLAY)
                .otherwise(STORED_FILE.CONTENT)
            : STORED_FILE.CONTENT;
    Field<String> type =
        display
            ? DSL.when(STORED_FILE.DISPLAY.isNotNull(), STORED_FILE.DISPLAY_TYPE)
                .otherwise(STORED_FILE.CONTENT_TYPE)
            : STORED_FILE.CONTENT_TYPE;
    return db.select(bytes, type)
        .from(STORED_FILE)
        .where(STORED_FILE.ID.eq(fileId))
        .fetchOptional(r -> new Content(r.value1(), r.value2()));
  }

  /**
   * Locks the workspace's row until the transaction ends (uploads to it are serialised). FOR NO KEY
   * UPDATE, not FOR UPDATE: every row written with the workspace's id (an audit event, a question)
   * takes FOR KEY SHARE on it, so FOR UPDATE held each of them behind the upload, and a save that
   * had linked the uploaded file deadlocked with it.
   */
  public void lockWorkspace(DSLContext db, long workspaceId) {
    db.select(WORKSPACE.ID)
        .from(WORKSPACE)
        .where(WORKSPACE.ID.eq(workspaceId))
        .forNoKeyUpdate()
        .fetch();
  }

  /** What the workspace's files take, originals and display copies. */
  public long workspaceBytes(DSLContext db, long workspaceId) {
    Long total =
        db.select(
                DSL.sum(
                        STORED_FILE.SIZE.plus(
                            DSL.coalesce(
                                DSL.field("octet_length({0})", Integer.class, STORED_FILE.DISPLAY),
                                0)))
                    .cast(Long.class))
            .from(STORED_FILE)
            .where(STORED_FILE.WORKSPACE_ID.eq(workspaceId))
            .fetchOne()
            .value1();
    return total == null ? 0 : total;
  }

  /**
   * Whether the published revision of a manual readers can open uses the file: what every member
   * may see. A manual archived or deleted takes its screenshots away from readers with it.
   */
  public boolean usedByAPublishedRevision(DSLContext db, long fileId) {
    return db.fetchExists(
        DSL.selectOne()
            .from(REVISION_FILE)
            .join(MANUAL)
            .on(MANUAL.PUBLISHED_REVISION_ID.eq(REVISION_FILE.REVISION_ID))
            .where(REVISION_FILE.FILE_ID.eq(fileId))
            .and(MANUAL.ARCHIVED_AT.isNull())
            .and(MANUAL.DELETED_AT.isNull()));
  }

  /**
   * Whether a message of a question this account may read shows the file: one it asked, or a public
   * one (owners and editors read every file already). As the questions themselves: a deleted
   * manual's are gone, an archived manual's public ones hidden from all but their asker.
   */
  public boolean usedByAQuestionOf(DSLContext db, long fileId, long accountId) {
    return db.fetchExists(
        DSL.selectOne()
            .from(QUESTION_FILE)
            .join(QUESTION_MESSAGE)
            .on(QUESTION_MESSAGE.ID.eq(QUESTION_FILE.MESSAGE_ID))
            .join(QUESTION)
            .on(QUESTION.ID.eq(QUESTION_MESSAGE.QUESTION_ID))
            .join(MANUAL)
            .on(MANUAL.ID.eq(QUESTION.MANUAL_ID))
            .where(QUESTION_FILE.FILE_ID.eq(fileId))
            .and(MANUAL.DELETED_AT.isNull())
            .and(
                QUESTION
                    .ASKED_BY
                    .eq(accountId)
                    .or(QUESTION.PUBLIC_AT.isNotNull().and(MANUAL.ARCHIVED_AT.isNull()))));
  }

  /**
   * Whether a checklist run shows the file as a step's evidence (its workspace's runners see it),
   * on a run still shown: one of a manual archived or deleted is not.
   */
  public boolean usedByARun(DSLContext db, long fileId) {
    return db.fetchExists(
        DSL.selectOne()
            .from(RUN_STEP_FILE)
            .join(RUN)
            .on(RUN.ID.eq(RUN_STEP_FILE.RUN_ID))
            .join(PROCEDURE)
            .on(PROCEDURE.ID.eq(RUN.PROCEDURE_ID))
            .join(MANUAL)
            .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
            .where(RUN_STEP_FILE.FILE_ID.eq(fileId))
            .and(MANUAL.ARCHIVED_AT.isNull())
            .and(MANUAL.DELETED_AT.isNull()));
  }

  /** Records which of the workspace's files a new revision's text uses. */
  public void linkRevision(
      DSLContext db, long workspaceId, long revisionId, Collection<String> hashes) {
    if (hashes.isEmpty()) {
      return;
    }
    // The files are locked as a reference does (FOR KEY SHARE) before they are linked: the
    // clean-up skips a file a save holds, and a file it holds is found gone once it is deleted,
    // never linked after (a foreign-key error: a 500 for the save).
    List<Long> ids =
        db.select(STORED_FILE.ID)
            .from(STORED_FILE)
            .where(STORED_FILE.WORKSPACE_ID.eq(workspaceId))
            .and(STORED_FILE.SHA256.in(hashes))
            .forKeyShare()
            .fetch(STORED_FILE.ID);
    for (Long fileId : ids) {
      db.insertInto(REVISION_FILE)
          .set(REVISION_FILE.REVISION_ID, revisionId)
          .set(REVISION_FILE.FILE_ID, fileId)
          .onConflictDoNothing()
          .execute();
    }
  }

  /**
   * The SHA-256 of every file an open suggestion's text names. Such a screenshot is linked only
   * when the suggestion is accepted: removed before, the procedure published with it showed a
   * broken image for good. Read once per clean-up, by PostgreSQL (a suggestion holds a whole
   * manual: a LIKE per file read them all again for each), with the address shape {@code
   * markdown.FileRefs} reads in Java.
   */
  private static Set<String> suggestedFiles(DSLContext db) {
    Field<String> named =
        DSL.field(
            "(regexp_matches({0}, '/files/([0-9a-f]+)', 'g'))[1]",
            String.class, SUGGESTION.MARKDOWN);
    Set<String> hashes = new HashSet<>();
    for (String hash :
        db.selectDistinct(named)
            .from(SUGGESTION)
            .where(SUGGESTION.STATUS.eq("open"))
            .fetch(named)) {
      if (hash.length() == 64) {
        hashes.add(hash);
      }
    }
    return hashes;
  }

  /**
   * Removes the files no revision, question, run or open suggestion uses that were last uploaded
   * before {@code before}; how many.
   */
  public int deleteUnused(DSLContext db, OffsetDateTime before) {
    // Files a save is linking (it holds them FOR KEY SHARE) are skipped, not waited for: this
    // hour's clean-up leaves them, and the save links them.
    var unused = STORED_FILE.as("unused");
    Set<String> suggested = suggestedFiles(db);
    return db.deleteFrom(STORED_FILE)
        .where(
            STORED_FILE.ID.in(
                DSL.select(unused.ID)
                    .from(unused)
                    .where(unused.LAST_UPLOADED_AT.lt(before))
                    .andNotExists(
                        DSL.selectOne()
                            .from(REVISION_FILE)
                            .where(REVISION_FILE.FILE_ID.eq(unused.ID)))
                    .andNotExists(
                        DSL.selectOne()
                            .from(QUESTION_FILE)
                            .where(QUESTION_FILE.FILE_ID.eq(unused.ID)))
                    .andNotExists(
                        DSL.selectOne()
                            .from(RUN_STEP_FILE)
                            .where(RUN_STEP_FILE.FILE_ID.eq(unused.ID)))
                    .and(suggested.isEmpty() ? DSL.noCondition() : unused.SHA256.notIn(suggested))
                    .forUpdate()
                    .skipLocked()))
        .execute();
  }
}
