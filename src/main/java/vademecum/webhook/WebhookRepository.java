package vademecum.webhook;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MANUAL;
import static vademecum.db.schema.Tables.PROCEDURE;
import static vademecum.db.schema.Tables.PROCEDURE_VERSION;
import static vademecum.db.schema.Tables.WEBHOOK;
import static vademecum.db.schema.Tables.WEBHOOK_DELIVERY;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.kernel.Backlog;

/** SQL for webhooks and their outbox of deliveries. */
public final class WebhookRepository {

  public record Webhook(long id, String url, String secret, OffsetDateTime createdAt) {}

  /** A delivery taken from the outbox, with what is needed to send it. */
  public record Due(
      long id, String event, String payload, int attempts, String url, String secret) {}

  public record Delivery(
      long id,
      long webhookId,
      String event,
      String status,
      int attempts,
      Integer lastStatus,
      String lastError,
      OffsetDateTime createdAt,
      OffsetDateTime deliveredAt) {}

  /** A procedure version just acknowledged, with where it lives, for the event's payload. */
  public record AckedVersion(
      long workspaceId,
      String workspaceSlug,
      String manualSlug,
      String key,
      String title,
      int version) {}

  public List<AckedVersion> ackedVersions(DSLContext db, Collection<Long> versionIds) {
    return db.select(
            MANUAL.WORKSPACE_ID,
            WORKSPACE.SLUG,
            MANUAL.SLUG,
            PROCEDURE.KEY,
            PROCEDURE_VERSION.TITLE,
            PROCEDURE_VERSION.NUMBER)
        .from(PROCEDURE_VERSION)
        .join(PROCEDURE)
        .on(PROCEDURE.ID.eq(PROCEDURE_VERSION.PROCEDURE_ID))
        .join(MANUAL)
        .on(MANUAL.ID.eq(PROCEDURE.MANUAL_ID))
        .join(WORKSPACE)
        .on(WORKSPACE.ID.eq(MANUAL.WORKSPACE_ID))
        .where(PROCEDURE_VERSION.ID.in(versionIds))
        .orderBy(MANUAL.WORKSPACE_ID, MANUAL.SLUG, PROCEDURE.KEY)
        .fetch(Records.mapping(AckedVersion::new));
  }

  public boolean anyLive(DSLContext db) {
    return db.fetchExists(WEBHOOK, WEBHOOK.DELETED_AT.isNull());
  }

  public String displayName(DSLContext db, long accountId) {
    return db.select(ACCOUNT.DISPLAY_NAME)
        .from(ACCOUNT)
        .where(ACCOUNT.ID.eq(accountId))
        .fetchOne(ACCOUNT.DISPLAY_NAME);
  }

  public long insert(DSLContext db, long workspaceId, String url, String secret, long createdBy) {
    return db.insertInto(WEBHOOK)
        .set(WEBHOOK.WORKSPACE_ID, workspaceId)
        .set(WEBHOOK.URL, url)
        .set(WEBHOOK.SECRET, secret)
        .set(WEBHOOK.CREATED_BY, createdBy)
        .returning(WEBHOOK.ID)
        .fetchOne(WEBHOOK.ID);
  }

  /**
   * Makes adds to one workspace's webhooks take turns, so that two at once cannot both pass the
   * limit. {@code for no key update}: rows that only reference the workspace are not held up.
   */
  public void lockWorkspace(DSLContext db, long workspaceId) {
    db.select(WORKSPACE.ID)
        .from(WORKSPACE)
        .where(WORKSPACE.ID.eq(workspaceId))
        .forNoKeyUpdate()
        .execute();
  }

  public List<Webhook> active(DSLContext db, long workspaceId) {
    return db.select(WEBHOOK.ID, WEBHOOK.URL, WEBHOOK.SECRET, WEBHOOK.CREATED_AT)
        .from(WEBHOOK)
        .where(WEBHOOK.WORKSPACE_ID.eq(workspaceId).and(WEBHOOK.DELETED_AT.isNull()))
        .orderBy(WEBHOOK.ID)
        .fetch(Records.mapping(Webhook::new));
  }

  public int delete(DSLContext db, long workspaceId, long id) {
    return db.update(WEBHOOK)
        .set(WEBHOOK.DELETED_AT, OffsetDateTime.now())
        .where(
            WEBHOOK
                .ID
                .eq(id)
                .and(WEBHOOK.WORKSPACE_ID.eq(workspaceId))
                .and(WEBHOOK.DELETED_AT.isNull()))
        .execute();
  }

  /** Deletes the live webhooks a person made in a workspace; returns their ids. */
  public List<Long> deleteCreatedBy(DSLContext db, long workspaceId, long accountId) {
    return db.update(WEBHOOK)
        .set(WEBHOOK.DELETED_AT, OffsetDateTime.now())
        .where(
            WEBHOOK
                .CREATED_BY
                .eq(accountId)
                .and(WEBHOOK.WORKSPACE_ID.eq(workspaceId))
                .and(WEBHOOK.DELETED_AT.isNull()))
        .returning(WEBHOOK.ID)
        .fetch(WEBHOOK.ID);
  }

  /** One pending delivery per live webhook of the workspace; none when it has no webhook. */
  public int enqueue(DSLContext db, long workspaceId, String event, String payload) {
    return db.insertInto(
            WEBHOOK_DELIVERY,
            WEBHOOK_DELIVERY.WEBHOOK_ID,
            WEBHOOK_DELIVERY.EVENT,
            WEBHOOK_DELIVERY.PAYLOAD)
        .select(
            db.select(WEBHOOK.ID, DSL.val(event), DSL.val(payload))
                .from(WEBHOOK)
                .where(WEBHOOK.WORKSPACE_ID.eq(workspaceId).and(WEBHOOK.DELETED_AT.isNull())))
        .execute();
  }

  /**
   * The deliveries not made yet (those waiting for a retry included), and how long the oldest has
   * waited by the database's clock.
   */
  public Backlog backlog(DSLContext db) {
    var age =
        DSL.field(
            "extract(epoch from now() - min({0}))", Double.class, WEBHOOK_DELIVERY.CREATED_AT);
    // A deleted webhook's pending deliveries are never sent: they are not waiting any more.
    return db.select(DSL.count(), age)
        .from(WEBHOOK_DELIVERY)
        .join(WEBHOOK)
        .on(WEBHOOK.ID.eq(WEBHOOK_DELIVERY.WEBHOOK_ID))
        .where(WEBHOOK_DELIVERY.STATUS.eq("pending").and(WEBHOOK.DELETED_AT.isNull()))
        .fetchOne(r -> Backlog.of(r.value1(), r.value2()));
  }

  /**
   * Takes due deliveries, locking them so that another node skips them rather than sending them
   * twice; the caller leases them ({@link #lease}) before its transaction ends.
   */
  public List<Due> takeDue(DSLContext db, int limit) {
    return db.select(
            WEBHOOK_DELIVERY.ID,
            WEBHOOK_DELIVERY.EVENT,
            WEBHOOK_DELIVERY.PAYLOAD,
            WEBHOOK_DELIVERY.ATTEMPTS,
            WEBHOOK.URL,
            WEBHOOK.SECRET)
        .from(WEBHOOK_DELIVERY)
        .join(WEBHOOK)
        .on(WEBHOOK.ID.eq(WEBHOOK_DELIVERY.WEBHOOK_ID))
        .where(
            WEBHOOK_DELIVERY
                .STATUS
                .eq("pending")
                .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(OffsetDateTime.now()))
                .and(WEBHOOK.DELETED_AT.isNull()))
        .orderBy(WEBHOOK_DELIVERY.ID)
        .limit(limit)
        .forUpdate()
        .of(WEBHOOK_DELIVERY)
        .skipLocked()
        .fetch(Records.mapping(Due::new));
  }

  /** Taken deliveries are not due again until {@code until}: their node is sending them. */
  public void lease(DSLContext db, List<Long> ids, OffsetDateTime until) {
    if (ids.isEmpty()) {
      return;
    }
    db.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, until)
        .where(WEBHOOK_DELIVERY.ID.in(ids))
        .execute();
  }

  public void delivered(DSLContext db, long id, int status) {
    db.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.STATUS, "delivered")
        .set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(1))
        .set(WEBHOOK_DELIVERY.LAST_STATUS, status)
        .set(WEBHOOK_DELIVERY.LAST_ERROR, (String) null)
        .set(WEBHOOK_DELIVERY.DELIVERED_AT, OffsetDateTime.now())
        .where(WEBHOOK_DELIVERY.ID.eq(id))
        .execute();
  }

  /** A failed attempt: tried again at {@code next}, or given up when {@code next} is null. */
  public void failed(DSLContext db, long id, Integer status, String error, OffsetDateTime next) {
    db.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.STATUS, next == null ? "failed" : "pending")
        .set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(1))
        .set(WEBHOOK_DELIVERY.LAST_STATUS, status)
        .set(WEBHOOK_DELIVERY.LAST_ERROR, error.length() > 300 ? error.substring(0, 300) : error)
        .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, next == null ? OffsetDateTime.now() : next)
        .where(WEBHOOK_DELIVERY.ID.eq(id))
        .execute();
  }

  public List<Delivery> recent(DSLContext db, long workspaceId, int limit) {
    return db.select(
            WEBHOOK_DELIVERY.ID,
            WEBHOOK_DELIVERY.WEBHOOK_ID,
            WEBHOOK_DELIVERY.EVENT,
            WEBHOOK_DELIVERY.STATUS,
            WEBHOOK_DELIVERY.ATTEMPTS,
            WEBHOOK_DELIVERY.LAST_STATUS,
            WEBHOOK_DELIVERY.LAST_ERROR,
            WEBHOOK_DELIVERY.CREATED_AT,
            WEBHOOK_DELIVERY.DELIVERED_AT)
        .from(WEBHOOK_DELIVERY)
        .join(WEBHOOK)
        .on(WEBHOOK.ID.eq(WEBHOOK_DELIVERY.WEBHOOK_ID))
        .where(WEBHOOK.WORKSPACE_ID.eq(workspaceId))
        .orderBy(WEBHOOK_DELIVERY.ID.desc())
        .limit(limit)
        .fetch(Records.mapping(Delivery::new));
  }
}
