package vademecum.ack;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.REMINDER_JOB;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.kernel.Backlog;

/** The reminder queue: jobs taken with row locks, so that one node sends each. */
public final class ReminderRepository {

  public record Job(long id, long workspaceId, String kind) {}

  public record Recipient(long accountId, String email, String name, String language) {}

  public void queue(DSLContext db, long workspaceId, String kind) {
    db.insertInto(REMINDER_JOB)
        .set(REMINDER_JOB.WORKSPACE_ID, workspaceId)
        .set(REMINDER_JOB.KIND, kind)
        .execute();
  }

  /** Queues the period's digest for every workspace with assistants, once per period. */
  public int queueDigests(DSLContext db, String period) {
    return db.insertInto(
            REMINDER_JOB, REMINDER_JOB.WORKSPACE_ID, REMINDER_JOB.KIND, REMINDER_JOB.PERIOD)
        .select(
            org.jooq
                .impl
                .DSL
                .selectDistinct(MEMBERSHIP.WORKSPACE_ID, DSL.inline("digest"), DSL.val(period))
                .from(MEMBERSHIP)
                .where(MEMBERSHIP.ROLE.eq("assistant")))
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
        .where(REMINDER_JOB.DONE_AT.isNull().and(REMINDER_JOB.ATTEMPTS.lt(5)))
        .fetchOne(r -> Backlog.of(r.value1(), r.value2()));
  }

  /** The oldest pending job nobody else holds; locked until the transaction ends. */
  public Optional<Job> take(DSLContext db) {
    return db.select(REMINDER_JOB.ID, REMINDER_JOB.WORKSPACE_ID, REMINDER_JOB.KIND)
        .from(REMINDER_JOB)
        .where(REMINDER_JOB.DONE_AT.isNull().and(REMINDER_JOB.ATTEMPTS.lt(5)))
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

  public void failed(DSLContext db, long jobId) {
    db.update(REMINDER_JOB)
        .set(REMINDER_JOB.ATTEMPTS, REMINDER_JOB.ATTEMPTS.plus(1))
        .where(REMINDER_JOB.ID.eq(jobId))
        .execute();
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
