package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.SESSION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vademecum.kernel.Account;
import vademecum.kernel.Membership;
import vademecum.kernel.Session;
import vademecum.kernel.Sessions;

public final class SessionRepository {
  private final DSLContext db;

  public SessionRepository(DSLContext db) {
    this.db = db;
  }

  public void insert(String idHash, long accountId, String csrfToken, OffsetDateTime expiresAt) {
    db.insertInto(SESSION)
        .set(SESSION.ID_HASH, idHash)
        .set(SESSION.ACCOUNT_ID, accountId)
        .set(SESSION.CSRF_TOKEN, csrfToken)
        .set(SESSION.EXPIRES_AT, expiresAt)
        .execute();
  }

  public Optional<Sessions.SignedIn> findSignedIn(String idHash) {
    List<SignedInRow> rows = SIGNED_IN.list(db, java.util.Map.of("hash", idHash));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<Membership> memberships = new ArrayList<>();
    rows.forEach(r -> r.membership().ifPresent(memberships::add));
    return Optional.of(
        new Sessions.SignedIn(
            rows.get(0).session(), rows.get(0).account(), List.copyOf(memberships)));
  }

  /** One row per membership (one row without any for an account in no workspace). */
  private record SignedInRow(Session session, Account account, Optional<Membership> membership) {}

  private static final vademecum.db.Prepared<SignedInRow> SIGNED_IN =
      vademecum.db.Prepared.of(
          DSL.select(
                  vademecum.db.Prepared.columns(
                      List.of(
                          SESSION.ID_HASH,
                          SESSION.ACCOUNT_ID,
                          SESSION.CSRF_TOKEN,
                          SESSION.CREATED_AT,
                          SESSION.LAST_SEEN_AT,
                          SESSION.EXPIRES_AT),
                      AccountRepository.COLUMNS,
                      MembershipRows.JOINED_COLUMNS))
              .from(SESSION)
              .join(MembershipRows.ACCOUNT_WITH_WORKSPACES)
              .on(ACCOUNT.ID.eq(SESSION.ACCOUNT_ID))
              .where(SESSION.ID_HASH.eq(DSL.param("hash", String.class)))
              .orderBy(WORKSPACE.NAME),
          r ->
              new SignedInRow(
                  new Session(
                      r.get(SESSION.ID_HASH),
                      r.get(SESSION.ACCOUNT_ID),
                      r.get(SESSION.CSRF_TOKEN),
                      r.get(SESSION.CREATED_AT),
                      r.get(SESSION.LAST_SEEN_AT),
                      r.get(SESSION.EXPIRES_AT)),
                  AccountRepository.joined(r),
                  MembershipRows.joined(r)));

  public void touch(String idHash) {
    db.update(SESSION)
        .set(SESSION.LAST_SEEN_AT, OffsetDateTime.now())
        .where(SESSION.ID_HASH.eq(idHash))
        .execute();
  }

  public void delete(String idHash) {
    db.deleteFrom(SESSION).where(SESSION.ID_HASH.eq(idHash)).execute();
  }

  public void deleteForAccount(long accountId) {
    db.deleteFrom(SESSION).where(SESSION.ACCOUNT_ID.eq(accountId)).execute();
  }

  /** Expired rows are useless; removed opportunistically at sign-in. */
  public void deleteExpired(OffsetDateTime idleSince) {
    db.deleteFrom(SESSION)
        .where(SESSION.EXPIRES_AT.lt(OffsetDateTime.now()).or(SESSION.LAST_SEEN_AT.lt(idleSince)))
        .execute();
  }
}
