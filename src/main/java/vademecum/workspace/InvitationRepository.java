package vademecum.workspace;

import static vademecum.db.schema.Tables.INVITATION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import vademecum.kernel.Role;

public final class InvitationRepository {
  private final DSLContext db;

  public InvitationRepository(DSLContext db) {
    this.db = db;
  }

  public void insert(
      DSLContext tx,
      long workspaceId,
      String email,
      Role role,
      String tokenHash,
      long invitedBy,
      OffsetDateTime expiresAt) {
    tx.insertInto(INVITATION)
        .set(INVITATION.WORKSPACE_ID, workspaceId)
        .set(INVITATION.EMAIL, email)
        .set(INVITATION.ROLE, role.column())
        .set(INVITATION.TOKEN_HASH, tokenHash)
        .set(INVITATION.INVITED_BY, invitedBy)
        .set(INVITATION.EXPIRES_AT, expiresAt)
        .execute();
  }

  public Optional<Invitation> findByTokenHash(DSLContext tx, String tokenHash, boolean lock) {
    return find(tx, INVITATION.TOKEN_HASH.eq(tokenHash), lock).stream().findFirst();
  }

  public List<Invitation> pending(long workspaceId) {
    return find(
        db,
        INVITATION
            .WORKSPACE_ID
            .eq(workspaceId)
            .and(INVITATION.ACCEPTED_AT.isNull())
            .and(INVITATION.REVOKED_AT.isNull())
            .and(INVITATION.EXPIRES_AT.gt(OffsetDateTime.now())),
        false);
  }

  private static List<Invitation> find(DSLContext tx, Condition condition, boolean lock) {
    var select =
        tx.select(
                INVITATION.ID,
                INVITATION.WORKSPACE_ID,
                WORKSPACE.SLUG,
                WORKSPACE.NAME,
                INVITATION.EMAIL,
                INVITATION.ROLE,
                INVITATION.EXPIRES_AT,
                INVITATION.ACCEPTED_AT,
                INVITATION.REVOKED_AT)
            .from(INVITATION)
            .join(WORKSPACE)
            .on(WORKSPACE.ID.eq(INVITATION.WORKSPACE_ID))
            .where(condition)
            .orderBy(INVITATION.CREATED_AT.desc());
    return (lock ? select.forUpdate().of(INVITATION) : select)
        .fetch(
            r ->
                new Invitation(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    Role.fromColumn(r.value6()),
                    r.value7(),
                    r.value8(),
                    r.value9()));
  }

  public void markAccepted(DSLContext tx, long invitationId, long accountId) {
    tx.update(INVITATION)
        .set(INVITATION.ACCEPTED_AT, OffsetDateTime.now())
        .set(INVITATION.ACCEPTED_BY, accountId)
        .where(INVITATION.ID.eq(invitationId))
        .execute();
  }

  public int revoke(DSLContext tx, long workspaceId, long invitationId) {
    return tx.update(INVITATION)
        .set(INVITATION.REVOKED_AT, OffsetDateTime.now())
        .where(INVITATION.ID.eq(invitationId))
        .and(INVITATION.WORKSPACE_ID.eq(workspaceId))
        .and(INVITATION.ACCEPTED_AT.isNull())
        .and(INVITATION.REVOKED_AT.isNull())
        .execute();
  }
}
