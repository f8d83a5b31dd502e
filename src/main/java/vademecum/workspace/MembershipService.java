package vademecum.workspace;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.account.AccountRepository;
import vademecum.account.Passwords;
import vademecum.audit.AuditLog;
import vademecum.kernel.Account;
import vademecum.kernel.Membership;
import vademecum.kernel.Memberships;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;

/**
 * Workspaces, members, roles and invitations; each change is one transaction with its audit event.
 */
public final class MembershipService implements Memberships {
  private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

  public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

  private final DSLContext db;
  private final WorkspaceRepository workspaces;
  private final MembershipRepository memberships;
  private final InvitationRepository invitations;
  private final AccountRepository accounts;
  private final Passwords passwords;
  private final AuditLog audit;

  public MembershipService(
      DSLContext db,
      WorkspaceRepository workspaces,
      MembershipRepository memberships,
      InvitationRepository invitations,
      AccountRepository accounts,
      Passwords passwords,
      AuditLog audit,
      SharingEnded sharingEnded,
      RoleChanged roleChanged) {
    this.db = db;
    this.workspaces = workspaces;
    this.memberships = memberships;
    this.invitations = invitations;
    this.accounts = accounts;
    this.passwords = passwords;
    this.audit = audit;
    this.sharingEnded = sharingEnded;
    this.roleChanged = roleChanged;
  }

  /**
   * What ends when a member may no longer share, removed or given a role that does not share, in
   * that transaction (wired in App: the candidate links they made, which they could no longer see
   * or revoke).
   */
  @FunctionalInterface
  public interface SharingEnded {
    /** Returns how many share links were revoked. */
    int ended(DSLContext tx, long workspaceId, long accountId, long byAccount);
  }

  private final SharingEnded sharingEnded;

  /**
   * What follows a member's role changing (given another, or removed: {@code after} null), in that
   * transaction (wired in App: an owner's webhooks stop; the schedules of someone who no longer
   * runs checklists lose their assignee).
   */
  @FunctionalInterface
  public interface RoleChanged {
    void changed(
        DSLContext tx,
        long workspaceId,
        long accountId,
        Role before,
        @Nullable Role after,
        long byAccount);
  }

  private final RoleChanged roleChanged;

  public static boolean validSlug(String slug) {
    return slug != null && slug.matches("[a-z0-9][a-z0-9-]{0,62}");
  }

  /**
   * A new workspace and its first owner, in one transaction: created in two, a failure between them
   * left a workspace nobody owns, whose address the form then refused for good.
   */
  public Workspace createWorkspace(String slug, String name, long ownerId, long byAccount) {
    if (!validSlug(slug)) {
      throw Refusal.badRequest("The address must be lower-case letters, digits and hyphens.");
    }
    if (name == null || name.isBlank()) {
      throw Refusal.badRequest("The workspace needs a name.");
    }
    return db.transactionResult(
        c -> {
          // Created here or refused: two administrators creating the same address at once got
          // the same workspace, each adding their own client's owner to it.
          Workspace workspace =
              workspaces
                  .insert(c.dsl(), slug, name.strip())
                  .orElseThrow(
                      () ->
                          Refusal.conflict(
                              "A workspace with the address " + slug + " already exists."));
          audit.record(c.dsl(), byAccount, workspace.id(), "workspace.create", slug, name);
          memberships.put(c.dsl(), workspace.id(), ownerId, Role.OWNER);
          audit.record(
              c.dsl(),
              byAccount,
              workspace.id(),
              "member.add",
              String.valueOf(ownerId),
              Role.OWNER.name());
          return workspace;
        });
  }

  @Override
  public List<Membership> workspacesOf(long accountId) {
    return memberships.workspacesOf(db, accountId);
  }

  public List<Member> members(Workspace workspace) {
    return memberships.members(db, workspace.id());
  }

  public List<Invitation> pendingInvitations(Workspace workspace) {
    return invitations.pending(db, workspace.id());
  }

  /** Direct membership, for administrators and the CLI. */
  public void addMember(Workspace workspace, long accountId, Role role, long byAccount) {
    db.transaction(
        c -> {
          RoleSet set = setRole(c.dsl(), workspace.id(), accountId, role, byAccount);
          if (set.refused()) {
            throw Refusal.conflict(
                "A workspace keeps at least one owner. Make someone else owner first.");
          }
          audit.record(
              c.dsl(),
              byAccount,
              workspace.id(),
              "member.add",
              String.valueOf(accountId),
              role.name()
                  + (set.linksRevoked() > 0
                      ? ", " + set.linksRevoked() + " share links revoked"
                      : ""));
        });
  }

  /** Returns the secret token of the new invitation; the link is shown once to the owner. */
  public String invite(Workspace workspace, String rawEmail, Role role, long byAccount) {
    String email = AccountRepository.normaliseEmail(rawEmail);
    if (!AccountRepository.plausibleEmail(email)) {
      throw Refusal.badRequest("Enter a valid e-mail address.");
    }
    accounts
        .byEmail(db, email)
        .flatMap(a -> memberships.roleOf(db, workspace.id(), a.id()))
        .ifPresent(
            r -> {
              throw Refusal.conflict(email + " is already a member of this workspace.");
            });
    String token = Secrets.newToken();
    db.transaction(
        c -> {
          // Still an owner now, the row locked: a demoted owner's pending invitations are
          // revoked, and one made while that committed stayed valid.
          if (!memberships.stillMay(c.dsl(), workspace.id(), byAccount, r -> r == Role.OWNER)) {
            throw Refusal.forbidden("Only the workspace's owners can do this.");
          }
          invitations.insert(
              c.dsl(),
              workspace.id(),
              email,
              role,
              Secrets.hash(token),
              byAccount,
              OffsetDateTime.now().plus(INVITATION_LIFETIME));
          audit.record(c.dsl(), byAccount, workspace.id(), "invitation.create", email, role.name());
        });
    return token;
  }

  public void revokeInvitation(Workspace workspace, long invitationId, long byAccount) {
    db.transaction(
        c -> {
          if (invitations.revoke(c.dsl(), workspace.id(), invitationId) == 0) {
            throw Refusal.notFound("There is no pending invitation " + invitationId + ".");
          }
          audit.record(
              c.dsl(),
              byAccount,
              workspace.id(),
              "invitation.revoke",
              String.valueOf(invitationId),
              "");
        });
  }

  /** The invitation behind a link, if it can still be used; otherwise why not (404 or 410). */
  public Invitation usableInvitation(String token) {
    Invitation invitation =
        invitations
            .byTokenHash(db, Secrets.hash(token == null ? "" : token), false)
            .filter(i -> i.revokedAt() == null)
            .orElseThrow(() -> Refusal.notFound("This invitation link is not valid."));
    if (invitation.acceptedAt() != null) {
      throw Refusal.gone("This invitation has already been used. Sign in to reach the workspace.");
    }
    if (!invitation.pending()) {
      throw Refusal.gone("This invitation has expired. Ask the workspace owner for a new one.");
    }
    return invitation;
  }

  /**
   * Accepts an invitation for the person signed in as the invited address ({@code signedIn}), or
   * creates the account of a new person with the chosen name and password. An address that has an
   * account accepts only by being signed in: the invitation form never checks a password, or any
   * owner could invite an address and guess its password there, past the sign-in throttle. Exactly
   * one acceptance can succeed.
   */
  public Account accept(String token, Account signedIn, String displayName, String password) {
    Invitation invitation = usableInvitation(token);
    Optional<Account> existing = accounts.byEmail(db, invitation.email());
    String newHash = null;
    if (existing.isPresent()) {
      if (!accounts.emailVerified(db, existing.get().id())) {
        // Perhaps made by someone else from their own invitation: never bound to a second
        // workspace before its address is confirmed.
        throw Refusal.conflict(unconfirmed(invitation.email()));
      }
      if (signedIn == null || signedIn.id() != existing.get().id()) {
        throw Refusal.forbidden(
            "An account already exists for " + invitation.email() + ": sign in to accept.");
      }
    } else {
      String problem = Passwords.problem(password);
      if (problem != null) {
        throw Refusal.badRequest(problem);
      }
      if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
        throw Refusal.badRequest("Enter your name (at most 100 characters).");
      }
      // Hashed before the transaction: Argon2 takes a tenth of a second, and a transaction holding
      // the invitation's lock and a pooled connection that long let a few requests starve the pool.
      newHash = passwords.hash(password);
    }
    String hash = newHash;
    return db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          Invitation locked =
              invitations
                  .byTokenHash(tx, Secrets.hash(token), true)
                  .filter(i -> i.revokedAt() == null)
                  .orElseThrow(() -> Refusal.notFound("This invitation link is not valid."));
          if (locked.acceptedAt() != null || !locked.pending()) {
            throw Refusal.gone("This invitation can no longer be used.");
          }
          Optional<Account> now = accounts.byEmail(tx, locked.email());
          long accountId;
          if (hash == null) {
            accountId = now.orElseThrow().id();
          } else if (now.isPresent()) {
            throw Refusal.conflict(
                "An account was created for " + locked.email() + " meanwhile: sign in to accept.");
          } else {
            // Whoever holds the link chose this password: the address is not confirmed yet.
            accountId =
                accounts
                    .insert(tx, locked.email(), displayName.strip(), "fr", hash, false, false)
                    .orElseThrow(
                        () ->
                            Refusal.conflict(
                                "An account was created for "
                                    + locked.email()
                                    + " meanwhile: sign in to accept."));
          }
          joinByInvitation(tx, locked, accountId);
          invitations.markAccepted(tx, locked.id(), accountId);
          audit.record(
              tx,
              accountId,
              locked.workspaceId(),
              "invitation.accept",
              locked.email(),
              locked.role().name());
          return accounts.byEmail(tx, locked.email()).orElseThrow();
        });
  }

  /** Whether someone invited this address to a workspace and the invitation can still be used. */
  public boolean invited(String email) {
    return !invitations.pendingFor(db, AccountRepository.normaliseEmail(email), false).isEmpty();
  }

  /**
   * Accepts every pending invitation to the account's address, for someone whose address a sign-in
   * provider confirmed (that is what an invitation link proves too). Returns how many.
   */
  public int acceptInvitationsOf(Account account) {
    return db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          List<Invitation> pending = invitations.pendingFor(tx, account.email(), true);
          for (Invitation invitation : pending) {
            joinByInvitation(tx, invitation, account.id());
            invitations.markAccepted(tx, invitation.id(), account.id());
            audit.record(
                tx,
                account.id(),
                invitation.workspaceId(),
                "invitation.accept.sso",
                invitation.email(),
                invitation.role().name());
          }
          return pending.size();
        });
  }

  /**
   * Gives the account the role in the workspace that a group of the sign-in provider says
   * (unchanged when it already has it); a workspace that does not exist is skipped and returned
   * false.
   */
  public boolean grantFromProvider(String workspaceSlug, long accountId, Role role, String group) {
    Optional<Workspace> workspace = workspaces.bySlug(db, workspaceSlug);
    if (workspace.isEmpty()) {
      return false;
    }
    if (memberships.roleOf(db, workspace.get().id(), accountId).filter(role::equals).isPresent()) {
      return true;
    }
    db.transaction(
        c -> {
          RoleSet set = setRole(c.dsl(), workspace.get().id(), accountId, role, accountId);
          if (set.refused()) {
            // The provider's groups do not leave a workspace without an owner: they keep it.
            log.warn(
                "Group {} would make the last owner of {} {}: left owner",
                group,
                workspaceSlug,
                role);
            return;
          }
          audit.record(
              c.dsl(),
              accountId,
              workspace.get().id(),
              "member.sso",
              String.valueOf(accountId),
              role.name()
                  + " from group "
                  + group
                  + (set.linksRevoked() > 0
                      ? ", " + set.linksRevoked() + " share links revoked"
                      : ""));
        });
    return true;
  }

  /**
   * An accepted invitation makes its person a member with its role. Someone already a member keeps
   * the role they have: it was given (or changed by an owner) after this invitation was sent, and
   * an old invitation must not undo that, let alone take the last owner's role away.
   */
  private void joinByInvitation(DSLContext tx, Invitation invitation, long accountId) {
    if (memberships.roleOf(tx, invitation.workspaceId(), accountId).isEmpty()) {
      memberships.put(tx, invitation.workspaceId(), accountId, invitation.role());
    }
  }

  /**
   * What {@link #setRole} did: {@code refused} when it would have left the workspace without an
   * owner (nothing changed); else how many candidate links ended with the right to share.
   */
  private record RoleSet(boolean refused, int linksRevoked) {}

  /**
   * The one way a member's role changes: the last owner keeps theirs (refused, nothing changed),
   * and whatever hangs on the role follows it in the same transaction ({@link RoleChanged}: an
   * owner's webhooks, a recruiter's schedules; {@link SharingEnded}: the links of someone who no
   * longer shares). Every door that sets a role comes through here, or a group of the sign-in
   * provider demoting an owner left their webhooks reading the workspace.
   */
  private RoleSet setRole(
      DSLContext tx, long workspaceId, long accountId, Role role, long byAccount) {
    Optional<Role> current = memberships.roleOf(tx, workspaceId, accountId);
    if (current.isPresent() && current.get() == role) {
      return new RoleSet(false, 0);
    }
    if (current.isPresent()
        && current.get() == Role.OWNER
        && memberships.lockOwners(tx, workspaceId) <= 1) {
      return new RoleSet(true, 0);
    }
    memberships.put(tx, workspaceId, accountId, role);
    int links = 0;
    if (current.isPresent()) {
      if (current.get() == Role.OWNER) {
        // Invitations are an owner's to give: an owner demoted must not be able to come back
        // (or let anyone in) through a link made before.
        invitations.revokeInvitedBy(tx, workspaceId, accountId);
      }
      roleChanged.changed(tx, workspaceId, accountId, current.get(), role, byAccount);
      if (current.get().canShare() && !role.canShare()) {
        // A recruiter made assistant can no longer see or revoke the links they gave out, and a
        // pinned one would go on showing candidates (and them) an old revision.
        links = sharingEnded.ended(tx, workspaceId, accountId, byAccount);
      }
    }
    return new RoleSet(false, links);
  }

  /** Why an invitation to an address whose account is unconfirmed cannot be accepted yet. */
  public static String unconfirmed(String email) {
    return "This invitation cannot be accepted yet: the address "
        + email
        + " must first be confirmed, by the link sent to it or by a Vademecum administrator. Ask"
        + " the person who invited you.";
  }

  /**
   * The one acting is an owner still, the owners' rows locked (always in one order, so that two
   * owners changing each other's roles wait rather than deadlock): an owner demoted while their
   * request was on its way must not go on to promote or remove anyone.
   */
  private void requireStillOwner(DSLContext tx, long workspaceId, long byAccount) {
    memberships.lockOwners(tx, workspaceId);
    if (!memberships.stillMay(tx, workspaceId, byAccount, r -> r == Role.OWNER)) {
      throw Refusal.forbidden("Only the workspace's owners can do this.");
    }
  }

  /** Returns how many candidate links the member had made that ended with the right to share. */
  public int changeRole(Workspace workspace, long accountId, Role role, long byAccount) {
    return db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          requireStillOwner(tx, workspace.id(), byAccount);
          Role current =
              memberships
                  .roleOf(tx, workspace.id(), accountId)
                  .orElseThrow(() -> Refusal.notFound("This person is not a member."));
          RoleSet set = setRole(tx, workspace.id(), accountId, role, byAccount);
          if (set.refused()) {
            throw Refusal.conflict(
                "A workspace keeps at least one owner. Make someone else owner first.");
          }
          audit.record(
              tx,
              byAccount,
              workspace.id(),
              "member.role",
              String.valueOf(accountId),
              current.name()
                  + " -> "
                  + role.name()
                  + (set.linksRevoked() > 0
                      ? ", " + set.linksRevoked() + " share links revoked"
                      : ""));
          return set.linksRevoked();
        });
  }

  /**
   * An owner may make a password reset link only for a member of their workspace who belongs to no
   * workspace they do not own and is not an administrator: otherwise one client's owner could take
   * over an account that reads another client's manuals.
   */
  public void requirePasswordResettable(
      Workspace workspace, long accountId, Account target, long byOwner) {
    if (memberships.roleOf(db, workspace.id(), accountId).isEmpty()) {
      throw Refusal.notFound("This person is not a member.");
    }
    if (target.admin() || !ownsEveryWorkspaceOf(byOwner, accountId)) {
      throw Refusal.forbidden(
          "This person also works in other workspaces: only an administrator can give them a"
              + " password reset link.");
    }
  }

  /** Returns how many share links the member had made that were revoked with their access. */
  public int remove(Workspace workspace, long accountId, long byAccount) {
    return db.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          requireStillOwner(tx, workspace.id(), byAccount);
          Role current =
              memberships
                  .roleOf(tx, workspace.id(), accountId)
                  .orElseThrow(() -> Refusal.notFound("This person is not a member."));
          if (current == Role.OWNER && memberships.lockOwners(tx, workspace.id()) <= 1) {
            throw Refusal.conflict("A workspace keeps at least one owner.");
          }
          memberships.remove(tx, workspace.id(), accountId);
          // A removed member's pending invitations go with their access: an owner removed could
          // otherwise come back through one they sent to another address of theirs.
          invitations.revokeInvitedBy(tx, workspace.id(), accountId);
          roleChanged.changed(tx, workspace.id(), accountId, current, null, byAccount);
          int links = sharingEnded.ended(tx, workspace.id(), accountId, byAccount);
          audit.record(
              tx,
              byAccount,
              workspace.id(),
              "member.remove",
              String.valueOf(accountId),
              current.name() + (links > 0 ? ", " + links + " share links revoked" : ""));
          return links;
        });
  }
}
