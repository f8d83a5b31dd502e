package vademecum.audit;

import static vademecum.db.schema.Tables.AUDIT_EVENT;

import org.jooq.DSLContext;

/** Who did what to which object, written in the same transaction as the change it describes. */
public final class AuditLog {

  public void record(
      DSLContext tx,
      Long accountId,
      Long workspaceId,
      String action,
      String target,
      String detail) {
    tx.insertInto(AUDIT_EVENT)
        .set(AUDIT_EVENT.ACCOUNT_ID, accountId)
        .set(AUDIT_EVENT.WORKSPACE_ID, workspaceId)
        .set(AUDIT_EVENT.ACTION, action)
        .set(AUDIT_EVENT.TARGET, target)
        .set(AUDIT_EVENT.DETAIL, detail == null ? "" : detail)
        .execute();
  }
}
