package vademecum.workspace;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vademecum.kernel.Membership;
import vademecum.kernel.Role;

public final class MembershipRepository {
  private final DSLContext db;

  public MembershipRepository(DSLContext db) {
    this.db = db;
  }

  public Optional<Role> roleOf(long workspaceId, long accountId) {
    return db.select(MEMBERSHIP.ROLE)
        .from(MEMBERSHIP)
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ACCOUNT_ID.eq(accountId)))
        .fetchOptional(MEMBERSHIP.ROLE)
        .map(Role::fromColumn);
  }

  public List<Membership> workspacesOf(long accountId) {
    return WORKSPACES_OF.list(db, java.util.Map.of("account", accountId));
  }

  /** Read on every signed-in page (access check and workspace switcher). */
  private static final vademecum.db.Prepared<Membership> WORKSPACES_OF =
      vademecum.db.Prepared.of(
          DSL.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME, MEMBERSHIP.ROLE)
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
                  Role.fromColumn(r.get(MEMBERSHIP.ROLE))));

  public List<Member> members(long workspaceId) {
    return db.select(ACCOUNT.ID, ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, MEMBERSHIP.ROLE)
        .from(MEMBERSHIP)
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(MEMBERSHIP.ACCOUNT_ID))
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId))
        .orderBy(ACCOUNT.DISPLAY_NAME)
        .fetch(r -> new Member(r.value1(), r.value2(), r.value3(), Role.fromColumn(r.value4())));
  }

  /** Adds the member, or changes the role of one who already is. */
  public void put(DSLContext tx, long workspaceId, long accountId, Role role) {
    tx.insertInto(MEMBERSHIP)
        .set(MEMBERSHIP.WORKSPACE_ID, workspaceId)
        .set(MEMBERSHIP.ACCOUNT_ID, accountId)
        .set(MEMBERSHIP.ROLE, role.column())
        .onConflict(MEMBERSHIP.WORKSPACE_ID, MEMBERSHIP.ACCOUNT_ID)
        .doUpdate()
        .set(MEMBERSHIP.ROLE, role.column())
        .execute();
  }

  public int remove(DSLContext tx, long workspaceId, long accountId) {
    return tx.deleteFrom(MEMBERSHIP)
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ACCOUNT_ID.eq(accountId)))
        .execute();
  }

  /** Locks the workspace's owner rows, so two owners cannot both step down at once. */
  public int lockOwners(DSLContext tx, long workspaceId) {
    return tx.selectFrom(MEMBERSHIP)
        .where(MEMBERSHIP.WORKSPACE_ID.eq(workspaceId).and(MEMBERSHIP.ROLE.eq("owner")))
        .forUpdate()
        .fetch()
        .size();
  }
}
