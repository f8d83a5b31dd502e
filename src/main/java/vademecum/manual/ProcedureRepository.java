package vademecum.manual;

import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;

/**
 * SQL for procedures and their immutable versions. Every method runs on the {@code DSLContext} it
 * is given.
 */
public final class ProcedureRepository {
  /** A procedure with its newest version (number 0 and no hash when it never had one). */
  public record Known(
      long id, String key, int latestNumber, String latestHash, Long latestVersionId) {}

  /** Every procedure the manual ever had, by key. */
  public Map<String, Known> latestByKey(DSLContext db, long manualId) {
    var latest = PROCEDURE_VERSION.as("latest");
    var newer = PROCEDURE_VERSION.as("newer");
    Map<String, Known> known = new HashMap<>();
    db.select(
            PROCEDURE.ID,
            PROCEDURE.KEY,
            DSL.coalesce(latest.NUMBER, 0),
            latest.CONTENT_HASH,
            latest.ID)
        .from(PROCEDURE)
        .leftJoin(latest)
        .on(latest.PROCEDURE_ID.eq(PROCEDURE.ID))
        .andNotExists(
            DSL.selectOne()
                .from(newer)
                .where(newer.PROCEDURE_ID.eq(PROCEDURE.ID).and(newer.NUMBER.gt(latest.NUMBER))))
        .where(PROCEDURE.MANUAL_ID.eq(manualId))
        .fetch(Records.mapping(Known::new))
        .forEach(k -> known.put(k.key(), k));
    return known;
  }

  /** Every key the manual's procedures ever had, those of removed procedures included. */
  public Set<String> keys(DSLContext db, long manualId) {
    return new HashSet<>(
        db.select(PROCEDURE.KEY)
            .from(PROCEDURE)
            .where(PROCEDURE.MANUAL_ID.eq(manualId))
            .fetch(PROCEDURE.KEY));
  }

  /** The keys of the manual's current procedures (those its published revision has). */
  public List<String> currentKeys(DSLContext db, long manualId) {
    return db.select(PROCEDURE.KEY)
        .from(PROCEDURE)
        .where(PROCEDURE.MANUAL_ID.eq(manualId))
        .and(PROCEDURE.CURRENT_VERSION_ID.isNotNull())
        .fetch(PROCEDURE.KEY);
  }

  /** The procedure goes by another key from now on; its versions and all that hang on it stay. */
  public void rekey(DSLContext db, long manualId, String from, String to) {
    db.update(PROCEDURE)
        .set(PROCEDURE.KEY, to)
        .where(PROCEDURE.MANUAL_ID.eq(manualId))
        .and(PROCEDURE.KEY.eq(from))
        .execute();
  }

  public long insertProcedure(DSLContext db, long manualId, String key, int position) {
    return db.insertInto(PROCEDURE)
        .set(PROCEDURE.MANUAL_ID, manualId)
        .set(PROCEDURE.KEY, key)
        .set(PROCEDURE.POSITION, position)
        .returning(PROCEDURE.ID)
        .fetchSingle(PROCEDURE.ID);
  }

  public long insertVersion(
      DSLContext db,
      long procedureId,
      int number,
      long revisionId,
      String title,
      String markdown,
      String hash,
      boolean minor) {
    return db.insertInto(PROCEDURE_VERSION)
        .set(PROCEDURE_VERSION.PROCEDURE_ID, procedureId)
        .set(PROCEDURE_VERSION.NUMBER, number)
        .set(PROCEDURE_VERSION.REVISION_ID, revisionId)
        .set(PROCEDURE_VERSION.TITLE, title)
        .set(PROCEDURE_VERSION.MARKDOWN, markdown)
        .set(PROCEDURE_VERSION.CONTENT_HASH, hash)
        .set(PROCEDURE_VERSION.MINOR, minor)
        .returning(PROCEDURE_VERSION.ID)
        .fetchSingle(PROCEDURE_VERSION.ID);
  }

  public void pointCurrent(DSLContext db, long procedureId, long versionId, int position) {
    db.update(PROCEDURE)
        .set(PROCEDURE.CURRENT_VERSION_ID, versionId)
        .set(PROCEDURE.POSITION, position)
        .where(PROCEDURE.ID.eq(procedureId))
        .execute();
  }

  /** Procedures that the newly published revision no longer has drop out of the manual. */
  public void retireOthers(DSLContext db, long manualId, Collection<Long> present) {
    db.update(PROCEDURE)
        .setNull(PROCEDURE.CURRENT_VERSION_ID)
        .where(PROCEDURE.MANUAL_ID.eq(manualId))
        .and(PROCEDURE.ID.notIn(present))
        .execute();
  }

  /** A published procedure's version history, newest first. */
  public record Version(int number, String title, boolean minor, OffsetDateTime createdAt) {}

  public List<Version> versions(DSLContext db, long manualId, String key) {
    return db.select(
            PROCEDURE_VERSION.NUMBER,
            PROCEDURE_VERSION.TITLE,
            PROCEDURE_VERSION.MINOR,
            PROCEDURE_VERSION.CREATED_AT)
        .from(PROCEDURE_VERSION)
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(PROCEDURE_VERSION.PROCEDURE_ID))
        .where(PROCEDURE.MANUAL_ID.eq(manualId).and(PROCEDURE.KEY.eq(key)))
        .orderBy(PROCEDURE_VERSION.NUMBER.desc())
        .fetch(Records.mapping(Version::new));
  }
}
