package vademecum.question;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.QUESTION;
import static vademecum.db.schema.Tables.QUESTION_FILE;
import static vademecum.db.schema.Tables.QUESTION_MESSAGE;
import static vademecum.db.schema.Tables.STORED_FILE;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import vademecum.db.Columns;
import vademecum.db.schema.tables.Account;
import vademecum.db.schema.tables.ProcedureVersion;

/**
 * SQL for questions and their messages. Every method runs on the {@code DSLContext} it is given.
 */
public final class QuestionRepository {
  private static final ProcedureVersion CURRENT = PROCEDURE_VERSION.as("cur");
  private static final ProcedureVersion ASKED = PROCEDURE_VERSION.as("asked");
  private static final Account ASKER = ACCOUNT.as("asker");

  /** A procedure of a manual as published now: its id and current version. */
  public record Current(long procedureId, long versionId) {}

  public Optional<Current> currentProcedure(DSLContext db, long manualId, String key) {
    return db.select(PROCEDURE.ID, PROCEDURE.CURRENT_VERSION_ID)
        .from(PROCEDURE)
        .where(PROCEDURE.MANUAL_ID.eq(manualId))
        .and(PROCEDURE.KEY.eq(key))
        .and(PROCEDURE.CURRENT_VERSION_ID.isNotNull())
        .fetchOptional(r -> new Current(r.value1(), r.value2()));
  }

  public long insertQuestion(
      DSLContext db,
      long workspaceId,
      long manualId,
      Current procedure,
      long askedBy,
      String quote) {
    return db.insertInto(QUESTION)
        .set(QUESTION.WORKSPACE_ID, workspaceId)
        .set(QUESTION.MANUAL_ID, manualId)
        .set(QUESTION.PROCEDURE_ID, procedure.procedureId())
        .set(QUESTION.PROCEDURE_VERSION_ID, procedure.versionId())
        .set(QUESTION.ASKED_BY, askedBy)
        .set(QUESTION.QUOTE, quote)
        .returning(QUESTION.ID)
        .fetchOne(QUESTION.ID);
  }

  /** Adds a message and keeps the screenshots it shows (files of the same workspace). */
  public long insertMessage(
      DSLContext db,
      long questionId,
      long workspaceId,
      long authorId,
      String body,
      boolean answer,
      Collection<String> fileHashes) {
    long id =
        db.insertInto(QUESTION_MESSAGE)
            .set(QUESTION_MESSAGE.QUESTION_ID, questionId)
            .set(QUESTION_MESSAGE.AUTHOR_ID, authorId)
            .set(QUESTION_MESSAGE.BODY, body)
            .set(QUESTION_MESSAGE.ANSWER, answer)
            .returning(QUESTION_MESSAGE.ID)
            .fetchOne(QUESTION_MESSAGE.ID);
    if (!fileHashes.isEmpty()) {
      // Locked as a reference does (FOR KEY SHARE) before they are linked, as a revision's are:
      // the clean-up skips a file held so, and one it is deleting is found gone, never linked
      // after (a foreign-key error, a 500 for the message).
      List<Long> files =
          db.select(STORED_FILE.ID)
              .from(STORED_FILE)
              .where(STORED_FILE.WORKSPACE_ID.eq(workspaceId))
              .and(STORED_FILE.SHA256.in(fileHashes))
              .forKeyShare()
              .fetch(STORED_FILE.ID);
      for (Long fileId : files) {
        db.insertInto(QUESTION_FILE)
            .set(QUESTION_FILE.MESSAGE_ID, id)
            .set(QUESTION_FILE.FILE_ID, fileId)
            .onConflictDoNothing()
            .execute();
      }
    }
    return id;
  }

  /** Whether an owner or editor has answered it. */
  public boolean hasAnswer(DSLContext db, long id) {
    return db.fetchExists(
        QUESTION_MESSAGE, QUESTION_MESSAGE.QUESTION_ID.eq(id).and(QUESTION_MESSAGE.ANSWER));
  }

  /** Changes the status (and the time the thread last moved). */
  public void setStatus(DSLContext db, long id, Question.Status status) {
    db.update(QUESTION)
        .set(QUESTION.STATUS, status.column())
        .set(QUESTION.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(QUESTION.ID.eq(id))
        .execute();
  }

  public void setPublic(DSLContext db, long id, boolean shown) {
    db.update(QUESTION)
        .set(
            QUESTION.PUBLIC_AT,
            shown ? DSL.currentOffsetDateTime() : DSL.val((OffsetDateTime) null))
        .where(QUESTION.ID.eq(id))
        .execute();
  }

  public void markSeenByAsker(DSLContext db, long id) {
    db.update(QUESTION)
        .set(QUESTION.ASKER_SEEN_AT, DSL.currentOffsetDateTime())
        .where(QUESTION.ID.eq(id))
        .execute();
  }

  /** Locks the question row for a change that depends on its state. */
  public Optional<Question> lock(DSLContext db, long workspaceId, long id) {
    return db.select(QUESTION.ID)
        .from(QUESTION)
        .where(QUESTION.ID.eq(id))
        .and(QUESTION.WORKSPACE_ID.eq(workspaceId))
        .forUpdate()
        .fetchOptional()
        .flatMap(r -> byId(db, workspaceId, id));
  }

  public Optional<Question> byId(DSLContext db, long workspaceId, long id) {
    return select(db)
        .where(QUESTION.ID.eq(id))
        .and(QUESTION.WORKSPACE_ID.eq(workspaceId))
        .and(MANUAL.DELETED_AT.isNull())
        .fetchOptional(r -> question(Columns.of(r)));
  }

  /**
   * The workspace's questions a reader may list: all of them for owners and editors ({@code
   * askedBy} null), else those this account asked. Newest activity first.
   */
  public List<Question> inWorkspace(
      DSLContext db, long workspaceId, Long askedBy, Question.Status status, int limit) {
    Condition where = QUESTION.WORKSPACE_ID.eq(workspaceId).and(MANUAL.DELETED_AT.isNull());
    if (askedBy != null) {
      where = where.and(QUESTION.ASKED_BY.eq(askedBy));
    }
    if (status != null) {
      where = where.and(QUESTION.STATUS.eq(status.column()));
    }
    return select(db)
        .where(where)
        .orderBy(QUESTION.UPDATED_AT.desc(), QUESTION.ID.desc())
        .limit(limit)
        .fetch(r -> question(Columns.of(r)));
  }

  /** What this account asked in the workspaces it is still a member of, newest activity first. */
  public List<Question> byAsker(DSLContext db, long accountId, int limit) {
    return select(db)
        .join(MEMBERSHIP)
        .on(MEMBERSHIP.WORKSPACE_ID.eq(QUESTION.WORKSPACE_ID))
        .and(MEMBERSHIP.ACCOUNT_ID.eq(QUESTION.ASKED_BY))
        .where(QUESTION.ASKED_BY.eq(accountId))
        .and(MANUAL.DELETED_AT.isNull())
        .and(MEMBERSHIP.ROLE.ne("recruiter"))
        .orderBy(QUESTION.UPDATED_AT.desc(), QUESTION.ID.desc())
        .limit(limit)
        .fetch(r -> question(Columns.of(r)));
  }

  /** The questions of a manual, for its page: all for editors, else the asker's and public ones. */
  public List<Question> inManual(DSLContext db, long manualId, Long visibleTo) {
    Condition where = QUESTION.MANUAL_ID.eq(manualId);
    if (visibleTo != null) {
      where = where.and(QUESTION.ASKED_BY.eq(visibleTo).or(QUESTION.PUBLIC_AT.isNotNull()));
    }
    return select(db)
        .where(where)
        .orderBy(QUESTION.CREATED_AT, QUESTION.ID)
        .fetch(r -> question(Columns.of(r)));
  }

  /** Questions whose thread has an answer the asker has not seen yet. */
  public int unseenAnswers(DSLContext db, long accountId) {
    return db.fetchCount(
        DSL.selectOne()
            .from(QUESTION)
            .join(MANUAL)
            .on(MANUAL.ID.eq(QUESTION.MANUAL_ID))
            // Only where the asker still reads (as byAsker, the list this count links to): a
            // question of a workspace they left stayed counted, a banner nothing could clear.
            .join(MEMBERSHIP)
            .on(MEMBERSHIP.WORKSPACE_ID.eq(QUESTION.WORKSPACE_ID))
            .and(MEMBERSHIP.ACCOUNT_ID.eq(QUESTION.ASKED_BY))
            .where(QUESTION.ASKED_BY.eq(accountId))
            .and(MANUAL.DELETED_AT.isNull())
            .and(MEMBERSHIP.ROLE.ne("recruiter"))
            .andExists(
                DSL.selectOne()
                    .from(QUESTION_MESSAGE)
                    .where(QUESTION_MESSAGE.QUESTION_ID.eq(QUESTION.ID))
                    .and(QUESTION_MESSAGE.ANSWER)
                    .and(QUESTION_MESSAGE.CREATED_AT.gt(QUESTION.ASKER_SEEN_AT))));
  }

  /** The question ids among these with an answer their asker has not seen. */
  public List<Long> withUnseenAnswer(DSLContext db, Collection<Long> ids) {
    return db.selectDistinct(QUESTION.ID)
        .from(QUESTION)
        .join(QUESTION_MESSAGE)
        .on(QUESTION_MESSAGE.QUESTION_ID.eq(QUESTION.ID))
        .where(QUESTION.ID.in(ids))
        .and(QUESTION_MESSAGE.ANSWER)
        .and(QUESTION_MESSAGE.CREATED_AT.gt(QUESTION.ASKER_SEEN_AT))
        .fetch(QUESTION.ID);
  }

  /** A message as stored, before rendering. */
  public record StoredMessage(
      long id,
      long questionId,
      String authorName,
      boolean answer,
      String body,
      OffsetDateTime at) {}

  public List<StoredMessage> messages(DSLContext db, Collection<Long> questionIds) {
    return db.select(
            QUESTION_MESSAGE.ID,
            QUESTION_MESSAGE.QUESTION_ID,
            DSL.coalesce(ACCOUNT.DISPLAY_NAME, DSL.val("—")),
            QUESTION_MESSAGE.ANSWER,
            QUESTION_MESSAGE.BODY,
            QUESTION_MESSAGE.CREATED_AT)
        .from(QUESTION_MESSAGE)
        .leftJoin(ACCOUNT)
        .on(ACCOUNT.ID.eq(QUESTION_MESSAGE.AUTHOR_ID))
        .where(QUESTION_MESSAGE.QUESTION_ID.in(questionIds))
        .orderBy(QUESTION_MESSAGE.ID)
        .fetch(
            r ->
                new StoredMessage(
                    r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }

  /** Open questions by procedure key, for a manual page. */
  public Map<String, Integer> openCounts(DSLContext db, long manualId, Long askedBy) {
    Condition where =
        QUESTION.MANUAL_ID.eq(manualId).and(QUESTION.STATUS.eq(Question.Status.OPEN.column()));
    if (askedBy != null) {
      where = where.and(QUESTION.ASKED_BY.eq(askedBy));
    }
    Map<String, Integer> counts = new HashMap<>();
    db.select(PROCEDURE.KEY, DSL.count())
        .from(QUESTION)
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(QUESTION.PROCEDURE_ID))
        .where(where)
        .groupBy(PROCEDURE.KEY)
        .forEach(r -> counts.put(r.value1(), r.value2()));
    return counts;
  }

  /** The owners and editors of a workspace, to tell them of a new question: e-mail, language. */
  public record Recipient(String email, String name, String language) {}

  public List<Recipient> editors(DSLContext db, long workspaceId) {
    return db.select(ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ACCOUNT.LANGUAGE)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .and(MEMBERSHIP.ROLE.in("owner", "editor"))
        .and(ACCOUNT.DISABLED.isFalse())
        .fetch(r -> new Recipient(r.value1(), r.value2(), r.value3()));
  }

  /**
   * The asker, to mail them the answer, while they may still read it: a member of the workspace
   * other than a recruiter (who reads no questions), with an account not disabled. Someone who left
   * got the procedure's title and the answerer's name by mail.
   */
  public Optional<Recipient> asker(DSLContext db, long workspaceId, long accountId) {
    return db.select(ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ACCOUNT.LANGUAGE)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .and(MEMBERSHIP.ACCOUNT_ID.eq(accountId))
        .and(MEMBERSHIP.ROLE.ne("recruiter"))
        .and(ACCOUNT.DISABLED.isFalse())
        .fetchOptional(r -> new Recipient(r.value1(), r.value2(), r.value3()));
  }

  private static final List<SelectField<?>> COLUMNS =
      List.of(
          QUESTION.ID,
          QUESTION.WORKSPACE_ID,
          WORKSPACE.SLUG,
          QUESTION.MANUAL_ID,
          MANUAL.SLUG,
          MANUAL.LANGUAGE,
          QUESTION.PROCEDURE_ID,
          PROCEDURE.KEY,
          CURRENT.TITLE,
          ASKED.TITLE,
          QUESTION.ASKED_BY,
          ASKER.DISPLAY_NAME,
          QUESTION.QUOTE,
          QUESTION.STATUS,
          QUESTION.PUBLIC_AT,
          QUESTION.CREATED_AT,
          QUESTION.UPDATED_AT,
          QUESTION.ASKER_SEEN_AT,
          MANUAL.ARCHIVED_AT);

  private static SelectOnConditionStep<Record> select(DSLContext db) {
    return db.select(COLUMNS)
        .from(QUESTION)
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(QUESTION.WORKSPACE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(QUESTION.MANUAL_ID))
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(QUESTION.PROCEDURE_ID))
        .leftJoin(CURRENT)
        .on(CURRENT.ID.eq(PROCEDURE.CURRENT_VERSION_ID))
        .leftJoin(ASKED)
        .on(ASKED.ID.eq(QUESTION.PROCEDURE_VERSION_ID))
        .leftJoin(ASKER)
        .on(ASKER.ID.eq(QUESTION.ASKED_BY));
  }

  private static Question question(Columns r) {
    String title = r.get(CURRENT.TITLE);
    if (title == null) {
      title = r.get(ASKED.TITLE) != null ? r.get(ASKED.TITLE) : r.get(PROCEDURE.KEY);
    }
    String asker = r.get(ASKER.DISPLAY_NAME);
    return new Question(
        r.get(QUESTION.ID),
        r.get(QUESTION.WORKSPACE_ID),
        r.get(WORKSPACE.SLUG),
        r.get(QUESTION.MANUAL_ID),
        r.get(MANUAL.SLUG),
        r.get(MANUAL.LANGUAGE),
        r.get(QUESTION.PROCEDURE_ID),
        r.get(PROCEDURE.KEY),
        title,
        r.get(QUESTION.ASKED_BY),
        asker == null ? "—" : asker,
        r.get(QUESTION.QUOTE),
        Question.Status.fromColumn(r.get(QUESTION.STATUS)),
        r.get(QUESTION.PUBLIC_AT),
        r.get(QUESTION.CREATED_AT),
        r.get(QUESTION.UPDATED_AT),
        r.get(QUESTION.ASKER_SEEN_AT),
        r.get(MANUAL.ARCHIVED_AT) != null,
        r.get(CURRENT.TITLE) == null);
  }
}
