package vademecum.account;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import vademecum.audit.AuditLog;
import vademecum.kernel.BearerTokens;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Secrets;

/** Personal API tokens: shown once at creation, stored as a hash, revocable at once. */
public final class ApiTokens implements BearerTokens {
  /** Tokens carry a prefix so that a leaked one is recognisable in logs and secret scanners. */
  public static final String PREFIX = "vdm_";

  private final DSLContext db;
  private final ApiTokenRepository tokens;
  private final AuditLog audit;
  private final AccountRepository accounts = new AccountRepository();
  private final SessionRepository sessionRows = new SessionRepository();

  public ApiTokens(DSLContext db, ApiTokenRepository tokens, AuditLog audit) {
    this.db = db;
    this.tokens = tokens;
    this.audit = audit;
  }

  /** A token lives this long unless its owner chooses otherwise. */
  public static final int DEFAULT_DAYS = 90;

  /** The longest life a token may be given. */
  public static final int MAX_DAYS = 365;

  /** The longest token name kept. */
  public static final int MAX_NAME = 100;

  /** Returns the token text; this is the only time it exists outside the caller's hands. */
  public String create(long accountId, String name) {
    return create(accountId, name, DEFAULT_DAYS);
  }

  /**
   * @param days how long the token works, 1 to {@link #MAX_DAYS}
   */
  public String create(long accountId, String name, int days) {
    return create(accountId, name, days, null);
  }

  /**
   * @param sessionHash the session the token is made from (the account page), or null (the command
   *     line): a token made while that session was being ended (signing out everywhere, a new
   *     password) lived on for a year after it
   */
  public String create(long accountId, String name, int days, @Nullable String sessionHash) {
    if (days < 1 || days > MAX_DAYS) {
      throw Refusal.badRequest("A token lasts from 1 to " + MAX_DAYS + " days.");
    }
    if (name != null && name.strip().length() > MAX_NAME) {
      throw Refusal.badRequest("A token's name has at most " + MAX_NAME + " characters.");
    }
    String token = PREFIX + Secrets.newToken();
    String shortLabel = name == null || name.isBlank() ? "API token" : name.strip();
    OffsetDateTime expires = OffsetDateTime.now().plusDays(days);
    db.transaction(
        configuration -> {
          accounts.lockCredentials(configuration.dsl(), accountId);
          if (sessionHash != null
              && sessionRows.signedInByHash(configuration.dsl(), sessionHash).isEmpty()) {
            throw Refusal.unauthorized("You were signed out meanwhile: sign in again.");
          }
          tokens.insert(configuration.dsl(), accountId, shortLabel, Secrets.hash(token), expires);
          audit.record(configuration.dsl(), accountId, null, "token.create", shortLabel, "");
        });
    return token;
  }

  /** Signing out everywhere (or a new password) stops every token of the account too. */
  public int revokeAll(long accountId) {
    return db.transactionResult(
        configuration -> {
          int revoked = tokens.revokeAll(configuration.dsl(), accountId);
          audit.record(
              configuration.dsl(), accountId, null, "token.revokeAll", String.valueOf(revoked), "");
          return revoked;
        });
  }

  public List<ApiToken> list(long accountId) {
    return tokens.byAccount(db, accountId);
  }

  /** Only the owner of a token can revoke it; false when it is not theirs or already revoked. */
  public boolean revoke(long accountId, long tokenId) {
    boolean revoked = tokens.revoke(db, accountId, tokenId) > 0;
    if (revoked) {
      audit.record(db, accountId, null, "token.revoke", String.valueOf(tokenId), "");
    }
    return revoked;
  }

  /**
   * The enabled account behind a bearer token and its memberships, if the token exists and is not
   * revoked.
   */
  @Override
  public Optional<BearerTokens.Holder> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    String hash = Secrets.hash(token);
    // Read from PostgreSQL on every request: a revoked token, a removed member or a changed role
    // takes effect at once, on every node, with nothing to keep in step.
    Optional<ApiTokenRepository.Found> found = tokens.liveByHash(db, hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    // Last use is shown to the owner to the minute: written at most once a minute per token.
    OffsetDateTime now = OffsetDateTime.now();
    OffsetDateTime lastUsed = found.get().lastUsed();
    if (lastUsed == null || lastUsed.isBefore(now.minusMinutes(1))) {
      tokens.touch(db, hash, now);
    }
    return Optional.of(found.get().holder());
  }
}
