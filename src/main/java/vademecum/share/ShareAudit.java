package vademecum.share;

import org.jooq.DSLContext;
import vademecum.audit.AuditLog;

/** The audit row of each share event, in the words the audit log has always used. */
public final class ShareAudit implements ShareEvent.Listener {
  private final AuditLog audit;

  public ShareAudit(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void happened(DSLContext tx, ShareEvent event) {
    String target = "share:" + event.linkId();
    switch (event) {
      case ShareEvent.Created c ->
          audit.record(
              tx,
              c.actor().accountId(),
              c.workspace().id(),
              "share.create",
              target,
              c.label() + " · " + c.manualSlug() + " · " + c.days() + " days");
      case ShareEvent.Revoked r ->
          audit.record(tx, r.actor().accountId(), r.workspace().id(), "share.revoke", target, "");
      case ShareEvent.ReadByCandidate read ->
          audit.record(tx, null, read.workspaceId(), "share.read", target, "candidate");
    }
  }
}
