package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.MEMBERSHIP;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Table;
import vademecum.db.Columns;
import vademecum.kernel.Membership;
import vademecum.kernel.Role;

/**
 * Reading an account's workspaces in the query that finds who is asking. Memberships are written by
 * the workspace feature; they are read here because knowing who is asking is the account's job.
 */
final class MembershipRows {
  private MembershipRows() {}

  /**
   * An account with its memberships and their workspaces: one row per membership, one row without
   * any for an account in no workspace. The hot queries that read who is asking (session, API
   * token) read their workspaces in the same query.
   */
  static final Table<?> ACCOUNT_WITH_WORKSPACES =
      ACCOUNT
          .leftJoin(MEMBERSHIP)
          .on(MEMBERSHIP.ACCOUNT_ID.eq(ACCOUNT.ID))
          .leftJoin(WORKSPACE)
          .on(WORKSPACE.ID.eq(MEMBERSHIP.WORKSPACE_ID));

  /** The columns {@link #membership} reads from {@link #ACCOUNT_WITH_WORKSPACES}. */
  static final List<Field<?>> COLUMNS =
      List.of(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME, MEMBERSHIP.ROLE, WORKSPACE.TIME_ZONE);

  /** The membership in a row of {@link #ACCOUNT_WITH_WORKSPACES}, none for an account in none. */
  static Optional<Membership> membership(Columns row) {
    Long workspaceId = row.get(WORKSPACE.ID);
    return workspaceId == null
        ? Optional.empty()
        : Optional.of(
            new Membership(
                workspaceId,
                row.get(WORKSPACE.SLUG),
                row.get(WORKSPACE.NAME),
                Role.fromColumn(row.get(MEMBERSHIP.ROLE)),
                row.get(WORKSPACE.TIME_ZONE)));
  }
}
