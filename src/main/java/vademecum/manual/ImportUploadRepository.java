package vademecum.manual;

import static vademecum.db.schema.Tables.IMPORT_UPLOAD;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** SQL for uploads waiting for confirmation. Every method runs on the {@code DSLContext} given. */
public final class ImportUploadRepository {
  public record Upload(String fileName, String language, byte[] content, String bases) {}

  /** Stores an upload and forgets those older than {@code forgetBefore}. */
  public void insert(
      DSLContext db,
      String token,
      long workspaceId,
      long accountId,
      String fileName,
      String language,
      byte[] content,
      String bases,
      OffsetDateTime forgetBefore) {
    db.deleteFrom(IMPORT_UPLOAD).where(IMPORT_UPLOAD.CREATED_AT.lt(forgetBefore)).execute();
    db.insertInto(IMPORT_UPLOAD)
        .set(IMPORT_UPLOAD.TOKEN, token)
        .set(IMPORT_UPLOAD.WORKSPACE_ID, workspaceId)
        .set(IMPORT_UPLOAD.ACCOUNT_ID, accountId)
        .set(IMPORT_UPLOAD.FILE_NAME, fileName)
        .set(IMPORT_UPLOAD.LANGUAGE, language)
        .set(IMPORT_UPLOAD.CONTENT, content)
        .set(IMPORT_UPLOAD.BASES, bases)
        .execute();
  }

  /** Takes the upload out: it can be confirmed once, by the person who sent it, in time. */
  public Optional<Upload> take(
      DSLContext db, String token, long workspaceId, long accountId, OffsetDateTime notBefore) {
    return db.deleteFrom(IMPORT_UPLOAD)
        .where(
            IMPORT_UPLOAD
                .TOKEN
                .eq(token)
                .and(IMPORT_UPLOAD.WORKSPACE_ID.eq(workspaceId))
                .and(IMPORT_UPLOAD.ACCOUNT_ID.eq(accountId))
                .and(IMPORT_UPLOAD.CREATED_AT.ge(notBefore)))
        .returning(
            IMPORT_UPLOAD.FILE_NAME,
            IMPORT_UPLOAD.LANGUAGE,
            IMPORT_UPLOAD.CONTENT,
            IMPORT_UPLOAD.BASES)
        .fetchOptional()
        .map(r -> new Upload(r.getFileName(), r.getLanguage(), r.getContent(), r.getBases()));
  }
}
