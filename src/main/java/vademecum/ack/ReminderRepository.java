package vademecum.ack;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.REMINDER_JOB;
import static vademecum.db.schema.Tables.REMINDER_SENT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.kernel.Backlog;

/** The reminder queue: jobs taken with row locks, so that one node sends each. */
public final class ReminderRepository {

  public record Job(long id, long workspaceId, String kind) {}

  public record Recipient(long accountId, String email, String name, String language) {}

  /** Attempts before a job is given up: waits of 1, 2, 4 … 128 minutes, about four hours. */
  static final int MAX_ATTEMPTS = 8;

  /**
   * Queues a job. A publish joins a publish job of the workspace still waiting (one being sent is
   * locked, and skipped): the mail lists what is left to read when it is sent, so a folder import
   * publishing thirty manuals mails each assistant once, not thirty times. Only a job that has
   * reached no one is joined: one waiting for its retry after reaching some people mails only the
   * others, so those reached would never hear of this publish. One that failed before reaching
   * anyone (the mail server down) is joined: it mails everyone when the server is back, once.
   */
  public void queue(DSLContext db, long workspaceId, String kind) {
    if (kind.equals("publish")) {
      boolean waiting =
          db.select(REMINDER_JOB.ID)
              .from(REMINDER_JOB)
              .where(pending())
              .andNotExists(
                  DSL.selectOne()
                      .from(REMINDER_SENT)
                      .where(REMINDER_SENT.JOB_ID.eq(REMINDER_JOB.ID)))
              .and(REMINDER_JOB.WORKSPACE_ID.eq(workspaceId))
              .and(REMINDER_JOB.KIND.eq("publish"))
              .limit(1)
              .forUpdate()
              .skipLocked()
              .fetchOptional()
              .isPresent();
      if (waiting) {
        return;
      }
    }
    db.insertInto(REMINDER_JOB)
        .set(REMINDER_JOB.WORKSPACE_ID, workspaceId)
        .set(REMINDER_JOB.KIND, kind)
        .execute();
  }

  private static Condition pending() {
    return REMINDER_JOB.DONE_AT.isNull().and(REMINDER_JOB.ATTEMPTS.lt(MAX_ATTEMPTS));
  }

  /**
   * Queues the period's digest for every workspace with a reader or editor (recruiters get none),
   * once per period. Workspaces of owners and editors alone get their review part too.
   */
  public int queueDigests(DSLContext db, String period) {
    return db.insertInto(
            REMINDER_JOB, REMINDER_JOB.WORKSPACE_ID, REMINDER_JOB.KIND, REMINDER_JOB.PERIOD)
        .select(
            DSL.selectDistinct(MEMBERSHIP.WORKSPACE_ID, DSL.inline("digest"), DSL.val(period))
                .from(MEMBERSHIP)
                .where(MEMBERSHIP.ROLE.in("assistant", "editor", "owner")))
        .onConflictDoNothing()
        .execute();
  }

  /**
   * The jobs still to send (those given up after five attempts are not waiting any more), and how
   * long the oldest has waited by the database's clock.
   */
  public Backlog backlog(DSLContext db) {
    var age =
        DSL.field("extract(epoch from now() - min({0}))", Double.class, REMINDER_JOB.CREATED_AT);
    return db.select(DSL.count(), age)
        .from(REMINDER_JOB)
        .where(pending())
        .fetchOne(r -> Backlog.of(r.value1(), r.value2()));
  }

  /** The oldest due job nobody else holds; locked until the transaction ends. */
  public Optional<Job> take(DSLContext db) {
    return db.select(REMINDER_JOB.ID, REMINDER_JOB.WORKSPACE_ID, REMINDER_JOB.KIND)
        .from(REMINDER_JOB)
        .where(pending())
        .and(REMINDER_JOB.NEXT_ATTEMPT_AT.le(DSL.currentOffsetDateTime()))
        .orderBy(REMINDER_JOB.CREATED_AT)
        .limit(1)
        .forUpdate()
        .skipLocked()
        .fetchOptional(Records.mapping(Job::new));
  }

  public void done(DSLContext db, long jobId) {
    db.update(REMINDER_JOB)
        .set(REMINDER_JOB.DONE_AT, OffsetDateTime.now())
        .where(REMINDER_JOB.ID.eq(jobId))
        .execute();
  }

  /** One more failed attempt; the next waits twice as long as the last (1 minute first). */
  public void failed(DSLContext db, long jobId) {
    db.update(REMINDER_JOB)
        .set(
            REMINDER_JOB.NEXT_ATTEMPT_AT,
            DSL.field(
                "now() + make_interval(mins => power(2, {0})::int)",
                OffsetDateTime.class, REMINDER_JOB.ATTEMPTS))
        .set(REMINDER_JOB.ATTEMPTS, REMINDER_JOB.ATTEMPTS.plus(1))
        .where(REMINDER_JOB.ID.eq(jobId))
        .execute();
  }

  /** Notes that the job's mail reached this person (or never will), so a retry skips them. */
  public void sent(DSLContext db, long jobId, long accountId) {
    db.insertInto(REMINDER_SENT)
        .set(REMINDER_SENT.JOB_ID, jobId)
        .set(REMINDER_SENT.ACCOUNT_ID, accountId)
        .onConflictDoNothing()
        .execute();
  }

  /** Who the job's mail already reached, on an earlier attempt. */
  public Set<Long> sentTo(DSLContext db, long jobId) {
    return db.select(REMINDER_SENT.ACCOUNT_ID)
        .from(REMINDER_SENT)
        .where(REMINDER_SENT.JOB_ID.eq(jobId))
        .fetchSet(REMINDER_SENT.ACCOUNT_ID);
  }

  public List<Recipient> assistants(DSLContext db, long workspaceId) {
    return db.select(ACCOUNT.ID, ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ACCOUNT.LANGUAGE)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ROLE.eq("assistant")))
        .and(ACCOUNT.DISABLED.isFalse())
        .fetch(Records.mapping(Recipient::new));
  }

  /** The workspace's owners and editors, who get the review part of the weekly digest. */
  public List<Recipient> editors(DSLContext db, long workspaceId) {
    return db.select(ACCOUNT.ID, ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ACCOUNT.LANGUAGE)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .and(MEMBERSHIP.ROLE.in("owner", "editor"))
        .and(ACCOUNT.DISABLED.isFalse())
        .fetch(Records.mapping(Recipient::new));
  }
}
