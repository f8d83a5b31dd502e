package vademecum.account;

import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.API_TOKEN;
import static vademecum.db.schema.Tables.WORKSPACE;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;
import vademecum.db.Bookkeeping;
import vademecum.db.Prepared;
import vademecum.kernel.Account;
import vademecum.kernel.BearerTokens;
import vademecum.kernel.Membership;

/** SQL for API tokens. Every method runs on the {@code DSLContext} it is given. */
public final class ApiTokenRepository {
  public void insert(
      DSLContext db, long accountId, String name, String tokenHash, OffsetDateTime expiresAt) {
    db.insertInto(API_TOKEN)
        .set(API_TOKEN.ACCOUNT_ID, accountId)
        .set(API_TOKEN.NAME, name)
        .set(API_TOKEN.TOKEN_HASH, tokenHash)
        .set(API_TOKEN.EXPIRES_AT, expiresAt)
        .execute();
  }

  public List<ApiToken> byAccount(DSLContext db, long accountId) {
    return db.select(
            API_TOKEN.ID,
            API_TOKEN.NAME,
            API_TOKEN.CREATED_AT,
            API_TOKEN.LAST_USED_AT,
            API_TOKEN.EXPIRES_AT,
            API_TOKEN.REVOKED_AT)
        .from(API_TOKEN)
        .where(API_TOKEN.ACCOUNT_ID.eq(accountId))
        .orderBy(API_TOKEN.CREATED_AT.desc())
        .fetch(Records.mapping(ApiToken::new));
  }

  public int revoke(DSLContext db, long accountId, long tokenId) {
    return db.update(API_TOKEN)
        .set(API_TOKEN.REVOKED_AT, OffsetDateTime.now())
        .where(API_TOKEN.ID.eq(tokenId))
        .and(API_TOKEN.ACCOUNT_ID.eq(accountId))
        .and(API_TOKEN.REVOKED_AT.isNull())
        .execute();
  }

  /** Every live token of the account, at once (signing out everywhere, a new password). */
  public int revokeAll(DSLContext db, long accountId) {
    return db.update(API_TOKEN)
        .set(API_TOKEN.REVOKED_AT, OffsetDateTime.now())
        .where(API_TOKEN.ACCOUNT_ID.eq(accountId))
        .and(API_TOKEN.REVOKED_AT.isNull())
        .execute();
  }

  /** A live token's grant and when it was last recorded as used. */
  public record Found(BearerTokens.Holder holder, OffsetDateTime lastUsed) {}

  /**
   * The enabled account behind a live token and its memberships, read with the token in one query
   * (API requests are the hot path, so the query is rendered once).
   */
  public Optional<Found> liveByHash(DSLContext db, String tokenHash) {
    List<TokenUse> rows = USE.list(db, Map.of("hash", tokenHash));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<Membership> memberships = new ArrayList<>();
    rows.forEach(r -> r.membership().ifPresent(memberships::add));
    return Optional.of(
        new Found(
            new BearerTokens.Holder(rows.get(0).account(), List.copyOf(memberships)),
            rows.get(0).lastUsed()));
  }

  /** When the token was last used, written without waiting for the disk (bookkeeping). */
  public void touch(DSLContext db, String tokenHash, OffsetDateTime at) {
    Bookkeeping.write(
        db,
        tx ->
            tx.update(API_TOKEN)
                .set(API_TOKEN.LAST_USED_AT, at)
                .where(API_TOKEN.TOKEN_HASH.eq(tokenHash))
                .execute());
  }

  /** One row per membership (one row without any for an account in no workspace). */
  private record TokenUse(
      Account account, OffsetDateTime lastUsed, Optional<Membership> membership) {}

  private static final Prepared<TokenUse> USE =
      Prepared.of(
          DSL.select(
                  Prepared.columns(
                      AccountRepository.COLUMNS,
                      List.of(API_TOKEN.LAST_USED_AT),
                      MembershipRows.COLUMNS))
              .from(API_TOKEN)
              .join(MembershipRows.ACCOUNT_WITH_WORKSPACES)
              .on(ACCOUNT.ID.eq(API_TOKEN.ACCOUNT_ID))
              .where(
                  API_TOKEN
                      .TOKEN_HASH
                      .eq(DSL.param("hash", String.class))
                      .and(API_TOKEN.REVOKED_AT.isNull())
                      .and(API_TOKEN.EXPIRES_AT.gt(DSL.currentOffsetDateTime()))
                      .and(ACCOUNT.DISABLED.isFalse()))
              .orderBy(WORKSPACE.NAME),
          r ->
              new TokenUse(
                  AccountRepository.account(r),
                  r.get(API_TOKEN.LAST_USED_AT),
                  MembershipRows.membership(r)));
}
