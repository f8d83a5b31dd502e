package vademecum.suggestion;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.REVISION;
import static vademecum.db.schema.Tables.SUGGESTION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import vademecum.db.Columns;
import vademecum.db.schema.tables.Account;
import vademecum.db.schema.tables.Revision;

/** SQL for suggested edits. Every method runs on the {@code DSLContext} it is given. */
public final class SuggestionRepository {
  private static final Account AUTHOR = ACCOUNT.as("author");
  private static final Account DECIDER = ACCOUNT.as("decider");
  private static final Revision BASE = REVISION.as("base");
  private static final Revision BECAME = REVISION.as("became");

  /** What a new suggestion records. */
  public record New(
      long workspaceId,
      long manualId,
      String procedureKey,
      long baseRevisionId,
      long authorId,
      String markdown,
      String note,
      Long questionId,
      Long resubmitsId) {}

  public long insert(DSLContext db, New s) {
    return db.insertInto(SUGGESTION)
        .set(SUGGESTION.WORKSPACE_ID, s.workspaceId())
        .set(SUGGESTION.MANUAL_ID, s.manualId())
        .set(SUGGESTION.PROCEDURE_KEY, s.procedureKey())
        .set(SUGGESTION.BASE_REVISION_ID, s.baseRevisionId())
        .set(SUGGESTION.AUTHOR_ID, s.authorId())
        .set(SUGGESTION.MARKDOWN, s.markdown())
        .set(SUGGESTION.NOTE, s.note())
        .set(SUGGESTION.QUESTION_ID, s.questionId())
        .set(SUGGESTION.RESUBMITS_ID, s.resubmitsId())
        .returning(SUGGESTION.ID)
        .fetchOne(SUGGESTION.ID);
  }

  /** Records the decision; {@code revisionId} is the revision an accepted suggestion became. */
  public void decide(
      DSLContext db,
      long id,
      Suggestion.Status status,
      long decidedBy,
      String note,
      Long revisionId) {
    db.update(SUGGESTION)
        .set(SUGGESTION.STATUS, status.column())
        .set(SUGGESTION.DECIDED_BY, decidedBy)
        .set(SUGGESTION.DECIDED_AT, DSL.currentOffsetDateTime())
        .set(SUGGESTION.DECISION_NOTE, note)
        .set(SUGGESTION.REVISION_ID, revisionId)
        .where(SUGGESTION.ID.eq(id))
        .execute();
  }

  /** Locks the row: a decision is taken once. */
  public Optional<Suggestion> lock(DSLContext db, long workspaceId, long id) {
    return db.select(SUGGESTION.ID)
        .from(SUGGESTION)
        .where(SUGGESTION.ID.eq(id))
        .and(SUGGESTION.WORKSPACE_ID.eq(workspaceId))
        .forUpdate()
        .fetchOptional()
        .flatMap(r -> byId(db, workspaceId, id));
  }

  public Optional<Suggestion> byId(DSLContext db, long workspaceId, long id) {
    return select(db)
        .where(SUGGESTION.ID.eq(id))
        .and(SUGGESTION.WORKSPACE_ID.eq(workspaceId))
        .and(MANUAL.DELETED_AT.isNull())
        .fetchOptional(r -> suggestion(Columns.of(r)));
  }

  /** Owners and editors list all ({@code authorId} null), others their own; newest first. */
  public List<Suggestion> inWorkspace(
      DSLContext db, long workspaceId, Long authorId, Suggestion.Status status, int limit) {
    Condition where = SUGGESTION.WORKSPACE_ID.eq(workspaceId).and(MANUAL.DELETED_AT.isNull());
    if (authorId != null) {
      where = where.and(SUGGESTION.AUTHOR_ID.eq(authorId));
    }
    if (status != null) {
      where = where.and(SUGGESTION.STATUS.eq(status.column()));
    }
    return select(db)
        .where(where)
        .orderBy(SUGGESTION.CREATED_AT.desc(), SUGGESTION.ID.desc())
        .limit(limit)
        .fetch(r -> suggestion(Columns.of(r)));
  }

  public List<Suggestion> inManual(DSLContext db, long manualId) {
    return select(db)
        .where(SUGGESTION.MANUAL_ID.eq(manualId))
        .orderBy(SUGGESTION.CREATED_AT.desc(), SUGGESTION.ID.desc())
        .fetch(r -> suggestion(Columns.of(r)));
  }

  private static final List<SelectField<?>> COLUMNS =
      List.of(
          SUGGESTION.ID,
          SUGGESTION.WORKSPACE_ID,
          WORKSPACE.SLUG,
          SUGGESTION.MANUAL_ID,
          MANUAL.SLUG,
          MANUAL.LANGUAGE,
          BASE.TITLE,
          SUGGESTION.PROCEDURE_KEY,
          SUGGESTION.BASE_REVISION_ID,
          BASE.NUMBER,
          SUGGESTION.AUTHOR_ID,
          AUTHOR.DISPLAY_NAME,
          SUGGESTION.MARKDOWN,
          SUGGESTION.NOTE,
          SUGGESTION.QUESTION_ID,
          SUGGESTION.RESUBMITS_ID,
          SUGGESTION.STATUS,
          DECIDER.DISPLAY_NAME,
          SUGGESTION.DECIDED_AT,
          SUGGESTION.DECISION_NOTE,
          BECAME.NUMBER,
          SUGGESTION.CREATED_AT);

  private static SelectOnConditionStep<Record> select(DSLContext db) {
    return db.select(COLUMNS)
        .from(SUGGESTION)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(SUGGESTION.WORKSPACE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(SUGGESTION.MANUAL_ID))
        .join(BASE)
        .on(BASE.ID.eq(SUGGESTION.BASE_REVISION_ID))
        .leftJoin(BECAME)
        .on(BECAME.ID.eq(SUGGESTION.REVISION_ID))
        .leftJoin(AUTHOR)
        .on(AUTHOR.ID.eq(SUGGESTION.AUTHOR_ID))
        .leftJoin(DECIDER)
        .on(DECIDER.ID.eq(SUGGESTION.DECIDED_BY));
  }

  private static Suggestion suggestion(Columns r) {
    String author = r.get(AUTHOR.DISPLAY_NAME);
    return new Suggestion(
        r.get(SUGGESTION.ID),
        r.get(SUGGESTION.WORKSPACE_ID),
        r.get(WORKSPACE.SLUG),
        r.get(SUGGESTION.MANUAL_ID),
        r.get(MANUAL.SLUG),
        r.get(MANUAL.LANGUAGE),
        r.get(BASE.TITLE),
        r.get(SUGGESTION.PROCEDURE_KEY),
        r.get(SUGGESTION.BASE_REVISION_ID),
        r.get(BASE.NUMBER),
        r.get(SUGGESTION.AUTHOR_ID),
        author == null ? "—" : author,
        r.get(SUGGESTION.MARKDOWN),
        r.get(SUGGESTION.NOTE),
        r.get(SUGGESTION.QUESTION_ID),
        r.get(SUGGESTION.RESUBMITS_ID),
        Suggestion.Status.fromColumn(r.get(SUGGESTION.STATUS)),
        r.get(DECIDER.DISPLAY_NAME),
        r.get(SUGGESTION.DECIDED_AT),
        r.get(SUGGESTION.DECISION_NOTE),
        r.get(BECAME.NUMBER),
        r.get(SUGGESTION.CREATED_AT));
  }
}
