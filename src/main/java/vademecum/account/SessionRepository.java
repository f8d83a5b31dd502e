package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.SESSION;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vademecum.db.Bookkeeping;
import vademecum.db.Columns;
import vademecum.db.Prepared;
import vademecum.kernel.Account;
import vademecum.kernel.Membership;
import vademecum.kernel.Session;
import vademecum.kernel.Sessions;

/** SQL for browser sessions. Every method runs on the {@code DSLContext} it is given. */
public final class SessionRepository {
  private static final List<Field<?>> COLUMNS =
      List.of(
          SESSION.ID_HASH,
          SESSION.ACCOUNT_ID,
          SESSION.CSRF_TOKEN,
          SESSION.CREATED_AT,
          SESSION.LAST_SEEN_AT,
          SESSION.EXPIRES_AT);

  private static Session session(Columns row) {
    return new Session(
        row.get(SESSION.ID_HASH),
        row.get(SESSION.ACCOUNT_ID),
        row.get(SESSION.CSRF_TOKEN),
        row.get(SESSION.CREATED_AT),
        row.get(SESSION.LAST_SEEN_AT),
        row.get(SESSION.EXPIRES_AT));
  }

  public void insert(
      DSLContext db, String idHash, long accountId, String csrfToken, OffsetDateTime expiresAt) {
    db.insertInto(SESSION)
        .set(SESSION.ID_HASH, idHash)
        .set(SESSION.ACCOUNT_ID, accountId)
        .set(SESSION.CSRF_TOKEN, csrfToken)
        .set(SESSION.EXPIRES_AT, expiresAt)
        .execute();
  }

  /** The session with its account and the account's workspaces, read on every signed-in page. */
  public Optional<Sessions.SignedIn> signedInByHash(DSLContext db, String idHash) {
    List<SignedInRow> rows = SIGNED_IN.list(db, Map.of("hash", idHash));
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

  private static final Prepared<SignedInRow> SIGNED_IN =
      Prepared.of(
          DSL.select(Prepared.columns(COLUMNS, AccountRepository.COLUMNS, MembershipRows.COLUMNS))
              .from(SESSION)
              .join(MembershipRows.ACCOUNT_WITH_WORKSPACES)
              .on(ACCOUNT.ID.eq(SESSION.ACCOUNT_ID))
              .where(SESSION.ID_HASH.eq(DSL.param("hash", String.class)))
              .orderBy(WORKSPACE.NAME),
          r ->
              new SignedInRow(
                  session(r), AccountRepository.account(r), MembershipRows.membership(r)));

  /** When the session was last seen, written without waiting for the disk (bookkeeping). */
  public void touch(DSLContext db, String idHash) {
    Bookkeeping.write(
        db,
        tx ->
            tx.update(SESSION)
                .set(SESSION.LAST_SEEN_AT, OffsetDateTime.now())
                .where(SESSION.ID_HASH.eq(idHash))
                .execute());
  }

  public void delete(DSLContext db, String idHash) {
    db.deleteFrom(SESSION).where(SESSION.ID_HASH.eq(idHash)).execute();
  }

  public void deleteForAccount(DSLContext db, long accountId) {
    db.deleteFrom(SESSION).where(SESSION.ACCOUNT_ID.eq(accountId)).execute();
  }

  /** Expired rows are useless; removed opportunistically at sign-in. */
  public void deleteExpired(DSLContext db, OffsetDateTime idleSince) {
    db.deleteFrom(SESSION)
        .where(SESSION.EXPIRES_AT.lt(OffsetDateTime.now()).or(SESSION.LAST_SEEN_AT.lt(idleSince)))
        .execute();
  }
}
