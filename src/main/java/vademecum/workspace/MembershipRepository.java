package vademecum.workspace;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.db.Prepared;
import vademecum.kernel.Actor;
import vademecum.kernel.Membership;
import vademecum.kernel.Role;

/** SQL for memberships. Every method runs on the {@code DSLContext} it is given. */
public final class MembershipRepository {
  public Optional<Role> roleOf(DSLContext db, long workspaceId, long accountId) {
    return db.select(MEMBERSHIP.ROLE)
        .from(MEMBERSHIP)
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ACCOUNT_ID.eq(accountId)))
        .fetchOptional(MEMBERSHIP.ROLE)
        .map(Role::fromColumn);
  }

  /**
   * Whether the account still has a role {@code may} accepts, its membership row locked until the
   * transaction ends: a removal or role change made meanwhile waits for it, and one committed
   * before is seen. For the writes a removal takes back (an owner's webhooks, a sharer's links, an
   * owner's invitations): checked only when the request began, one made while the removal committed
   * outlived it. The system account, nobody's member, acts for the administrator.
   */
  public boolean stillMay(DSLContext db, long workspaceId, long accountId, Predicate<Role> may) {
    return accountId == Actor.SYSTEM.accountId()
        || db.select(MEMBERSHIP.ROLE)
            .from(MEMBERSHIP)
            .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ACCOUNT_ID.eq(accountId)))
            .forShare()
            .fetchOptional(MEMBERSHIP.ROLE)
            .map(Role::fromColumn)
            .filter(may)
            .isPresent();
  }

  public List<Membership> workspacesOf(DSLContext db, long accountId) {
    return WORKSPACES_OF.list(db, Map.of("account", accountId));
  }

  /** Read on every signed-in page (access check and workspace switcher). */
  private static final Prepared<Membership> WORKSPACES_OF =
      Prepared.of(
          DSL.select(
                  WORKSPACE.ID,
                  WORKSPACE.SLUG,
                  WORKSPACE.NAME,
                  MEMBERSHIP.ROLE,
                  WORKSPACE.TIME_ZONE)
              .from(MEMBERSHIP)
              .join(WORKSPACE)
              .on(WORKSPACE.ID.eq(MEMBERSHIP.WORKSPACE_ID))
              .where(MEMBERSHIP.ACCOUNT_ID.eq(DSL.param("account", Long.class)))
              .orderBy(WORKSPACE.NAME),
          r ->
              new Membership(
                  r.get(WORKSPACE.ID),
                  r.get(WORKSPACE.SLUG),
                  r.get(WORKSPACE.NAME),
                  Role.fromColumn(r.get(MEMBERSHIP.ROLE)),
                  r.get(WORKSPACE.TIME_ZONE)));

  public List<Member> members(DSLContext db, long workspaceId) {
    return db.select(
            ACCOUNT.ID,
            ACCOUNT.EMAIL,
            ACCOUNT.DISPLAY_NAME,
            MEMBERSHIP.ROLE.convertFrom(Role::fromColumn))
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .orderBy(ACCOUNT.DISPLAY_NAME)
        .fetch(Records.mapping(Member::new));
  }

  /** Adds the member, or changes the role of one who already is. */
  public void put(DSLContext db, long workspaceId, long accountId, Role role) {
    db.insertInto(MEMBERSHIP)
        .set(MEMBERSHIP.WORKSPACE_ID, workspaceId)
        .set(MEMBERSHIP.ACCOUNT_ID, accountId)
        .set(MEMBERSHIP.ROLE, role.column())
        .onConflict(MEMBERSHIP.WORKSPACE_ID, MEMBERSHIP.ACCOUNT_ID)
        .doUpdate()
        .set(MEMBERSHIP.ROLE, role.column())
        .execute();
  }

  public int remove(DSLContext db, long workspaceId, long accountId) {
    return db.deleteFrom(MEMBERSHIP)
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ACCOUNT_ID.eq(accountId)))
        .execute();
  }

  /**
   * Locks the workspace's owner rows, so two owners cannot both step down at once; in the order of
   * their accounts, so that two transactions locking them wait for each other instead of locking
   * half each.
   */
  public int lockOwners(DSLContext db, long workspaceId) {
    return db.selectFrom(MEMBERSHIP)
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ROLE.eq("owner")))
        .orderBy(MEMBERSHIP.ACCOUNT_ID)
        .forUpdate()
        .fetch()
        .size();
  }
}
