package vademecum.account;

import static vademecum.db.schema.Tables.LOGIN_ATTEMPT;

import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public final class LoginAttemptRepository {
  private final DSLContext db;

  public LoginAttemptRepository(DSLContext db) {
    this.db = db;
  }

  /** Failures for the e-mail since {@code since}, not counting those before its last success. */
  public int failuresForEmail(String email, OffsetDateTime since) {
    var lastSuccess =
        DSL.select(DSL.max(LOGIN_ATTEMPT.AT))
            .from(LOGIN_ATTEMPT)
            .where(LOGIN_ATTEMPT.EMAIL.eq(email).and(LOGIN_ATTEMPT.SUCCEEDED));
    return db.fetchCount(
        LOGIN_ATTEMPT,
        LOGIN_ATTEMPT
            .EMAIL
            .eq(email)
            .and(LOGIN_ATTEMPT.SUCCEEDED.isFalse())
            .and(LOGIN_ATTEMPT.AT.gt(since))
            .and(LOGIN_ATTEMPT.AT.gt(DSL.coalesce(lastSuccess.asField(), since))));
  }

  public int failuresForClient(String client, OffsetDateTime since) {
    return db.fetchCount(
        LOGIN_ATTEMPT,
        LOGIN_ATTEMPT
            .CLIENT
            .eq(client)
            .and(LOGIN_ATTEMPT.SUCCEEDED.isFalse())
            .and(LOGIN_ATTEMPT.AT.gt(since)));
  }

  public void insert(String email, String client, boolean succeeded) {
    db.insertInto(LOGIN_ATTEMPT)
        .set(LOGIN_ATTEMPT.EMAIL, email)
        .set(LOGIN_ATTEMPT.CLIENT, client)
        .set(LOGIN_ATTEMPT.SUCCEEDED, succeeded)
        .execute();
  }
}
