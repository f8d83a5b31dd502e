package vademecum.workspace;

import static vademecum.db.schema.Tables.INVITATION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import vademecum.kernel.Role;

/** SQL for invitations to a workspace. Every method runs on the {@code DSLContext} it is given. */
public final class InvitationRepository {
  public void insert(
      DSLContext db,
      long workspaceId,
      String email,
      Role role,
      String tokenHash,
      long invitedBy,
      OffsetDateTime expiresAt) {
    db.insertInto(INVITATION)
        .set(INVITATION.WORKSPACE_ID, workspaceId)
        .set(INVITATION.EMAIL, email)
        .set(INVITATION.ROLE, role.column())
        .set(INVITATION.TOKEN_HASH, tokenHash)
        .set(INVITATION.INVITED_BY, invitedBy)
        .set(INVITATION.EXPIRES_AT, expiresAt)
        .execute();
  }

  public Optional<Invitation> byTokenHash(DSLContext db, String tokenHash, boolean lock) {
    return where(db, INVITATION.TOKEN_HASH.eq(tokenHash), lock).stream().findFirst();
  }

  public List<Invitation> pending(DSLContext db, long workspaceId) {
    return where(db, INVITATION.WORKSPACE_ID.eq(workspaceId).and(usable()), false);
  }

  /** Neither accepted, revoked nor expired. */
  private static Condition usable() {
    return INVITATION
        .ACCEPTED_AT
        .isNull()
        .and(INVITATION.REVOKED_AT.isNull())
        .and(INVITATION.EXPIRES_AT.gt(OffsetDateTime.now()));
  }

  /** The pending invitations addressed to this e-mail, in every workspace, locked if asked. */
  public List<Invitation> pendingFor(DSLContext db, String email, boolean lock) {
    return where(db, INVITATION.EMAIL.eq(email).and(usable()), lock);
  }

  private static List<Invitation> where(DSLContext db, Condition condition, boolean lock) {
    var select =
        db.select(
                INVITATION.ID,
                INVITATION.WORKSPACE_ID,
                WORKSPACE.SLUG,
                WORKSPACE.NAME,
                INVITATION.EMAIL,
                INVITATION.ROLE.convertFrom(Role::fromColumn),
                INVITATION.EXPIRES_AT,
                INVITATION.ACCEPTED_AT,
                INVITATION.REVOKED_AT)
            .from(INVITATION)
            .join(WORKSPACE)
            .on(WORKSPACE.ID.eq(INVITATION.WORKSPACE_ID))
            .where(condition)
            .orderBy(INVITATION.CREATED_AT.desc());
    return (lock ? select.forUpdate().of(INVITATION) : select)
        .fetch(Records.mapping(Invitation::new));
  }

  public void markAccepted(DSLContext db, long invitationId, long accountId) {
    db.update(INVITATION)
        .set(INVITATION.ACCEPTED_AT, OffsetDateTime.now())
        .set(INVITATION.ACCEPTED_BY, accountId)
        .where(INVITATION.ID.eq(invitationId))
        .execute();
  }

  public int revoke(DSLContext db, long workspaceId, long invitationId) {
    return revokeWhere(
        db, INVITATION.ID.eq(invitationId).and(INVITATION.WORKSPACE_ID.eq(workspaceId)));
  }

  /** Revokes the pending invitations this account made in the workspace; returns how many. */
  public int revokeInvitedBy(DSLContext db, long workspaceId, long accountId) {
    return revokeWhere(
        db, INVITATION.WORKSPACE_ID.eq(workspaceId).and(INVITATION.INVITED_BY.eq(accountId)));
  }

  private static int revokeWhere(DSLContext db, Condition condition) {
    return db.update(INVITATION)
        .set(INVITATION.REVOKED_AT, OffsetDateTime.now())
        .where(condition)
        .and(INVITATION.ACCEPTED_AT.isNull())
        .and(INVITATION.REVOKED_AT.isNull())
        .execute();
  }
}
