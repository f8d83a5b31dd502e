package vademecum.webhook;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.kernel.Actor;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.workspace.MembershipRepository;

/** A workspace's webhooks: added and removed by its owners, each with its own signing secret. */
public final class WebhookService {
  private final DSLContext db;
  private final WebhookRepository webhooks;
  private final MembershipRepository memberships;
  private final AuditLog audit;
  private final WebhookAddresses addresses;

  public WebhookService(
      DSLContext db,
      WebhookRepository webhooks,
      MembershipRepository memberships,
      AuditLog audit,
      WebhookAddresses addresses) {
    this.db = db;
    this.memberships = memberships;
    this.webhooks = webhooks;
    this.audit = audit;
    this.addresses = addresses;
  }

  public List<WebhookRepository.Webhook> list(Workspace workspace) {
    return webhooks.active(db, workspace.id());
  }

  public List<WebhookRepository.Delivery> recent(Workspace workspace) {
    return webhooks.recent(db, workspace.id(), 50);
  }

  /**
   * Webhooks one workspace may have. One thread sends every workspace's deliveries, each given up
   * to 10 s: fifty receivers that never answer made every event wait minutes for everyone.
   */
  static final int MAX_WEBHOOKS = 10;

  public WebhookRepository.Webhook add(Workspace workspace, String url, Actor actor) {
    String address = url == null ? "" : url.strip();
    URI uri;
    try {
      uri = URI.create(address);
    } catch (IllegalArgumentException e) {
      throw Refusal.badRequest("The webhook address is not a valid URL.");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getUserInfo() != null
        || address.length() > 2000) {
      throw Refusal.badRequest(
          "The webhook address must be an http:// or https:// URL without a password in it.");
    }
    if (!addresses.permitted(uri)) {
      throw Refusal.badRequest(
          "The webhook address is on a private network or unknown; use a public address.");
    }
    String secret = "whsec_" + Secrets.newToken();
    long id =
        db.transactionResult(
            configuration -> {
              // Still an owner now, the row locked: removing an owner deletes their webhooks, and
              // one added while that committed (its address's lookup can take seconds) lived on.
              if (!memberships.stillMay(
                  configuration.dsl(), workspace.id(), actor.accountId(), r -> r == Role.OWNER)) {
                throw Refusal.forbidden("Only the workspace's owners can do this.");
              }
              webhooks.lockWorkspace(configuration.dsl(), workspace.id());
              if (webhooks.active(configuration.dsl(), workspace.id()).size() >= MAX_WEBHOOKS) {
                throw Refusal.conflict(
                    "A workspace has at most "
                        + MAX_WEBHOOKS
                        + " webhooks: delete one before adding another.");
              }
              long created =
                  webhooks.insert(
                      configuration.dsl(), workspace.id(), address, secret, actor.accountId());
              audit.record(
                  configuration.dsl(),
                  actor.accountId(),
                  workspace.id(),
                  "webhook.create",
                  "webhook:" + created,
                  address);
              return created;
            });
    return webhooks.active(db, workspace.id()).stream()
        .filter(w -> w.id() == id)
        .findFirst()
        .orElseThrow();
  }

  public void remove(Workspace workspace, long id, Actor actor) {
    if (webhooks.delete(db, workspace.id(), id) == 0) {
      throw Refusal.notFound("There is no webhook " + id + " here.");
    }
    audit.record(db, actor.accountId(), workspace.id(), "webhook.delete", "webhook:" + id, "");
  }

  /**
   * Stops the webhooks a person made, once they are no longer an owner (removed, or given another
   * role): the address they chose, perhaps their own server, kept receiving the workspace's events
   * (titles, who read what, who asked) after their access had ended. In the caller's transaction;
   * the remaining owners see it in the audit log and add the webhooks they want again.
   */
  public void roleChanged(
      DSLContext tx,
      long workspaceId,
      long accountId,
      Role before,
      @Nullable Role after,
      long byAccount) {
    if (before == Role.OWNER && after != Role.OWNER) {
      stopCreatedBy(tx, workspaceId, accountId, byAccount);
    }
  }

  private void stopCreatedBy(DSLContext tx, long workspaceId, long accountId, long byAccount) {
    for (long id : webhooks.deleteCreatedBy(tx, workspaceId, accountId)) {
      audit.record(
          tx,
          byAccount,
          workspaceId,
          "webhook.delete",
          "webhook:" + id,
          "its maker is no longer an owner");
    }
  }
}
