package vademecum.account;

import static vademecum.db.schema.Tables.LOGIN_ATTEMPT;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Failed sign-ins counted in PostgreSQL, per account e-mail and per client address, so that every
 * node sees the same counts. A success clears the count for that e-mail.
 */
public final class LoginThrottle {
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final int MAX_FAILURES_PER_EMAIL = 5;
  public static final int MAX_FAILURES_PER_CLIENT = 30;

  private final DSLContext db;

  public LoginThrottle(DSLContext db) {
    this.db = db;
  }

  public boolean blocked(String email, String client) {
    OffsetDateTime since = OffsetDateTime.now().minus(WINDOW);
    var lastSuccess =
        DSL.select(DSL.max(LOGIN_ATTEMPT.AT))
            .from(LOGIN_ATTEMPT)
            .where(LOGIN_ATTEMPT.EMAIL.eq(email).and(LOGIN_ATTEMPT.SUCCEEDED));
    int byEmail =
        db.fetchCount(
            LOGIN_ATTEMPT,
            LOGIN_ATTEMPT
                .EMAIL
                .eq(email)
                .and(LOGIN_ATTEMPT.SUCCEEDED.isFalse())
                .and(LOGIN_ATTEMPT.AT.gt(since))
                .and(LOGIN_ATTEMPT.AT.gt(DSL.coalesce(lastSuccess.asField(), since))));
    if (byEmail >= MAX_FAILURES_PER_EMAIL) {
      return true;
    }
    int byClient =
        db.fetchCount(
            LOGIN_ATTEMPT,
            LOGIN_ATTEMPT
                .CLIENT
                .eq(client)
                .and(LOGIN_ATTEMPT.SUCCEEDED.isFalse())
                .and(LOGIN_ATTEMPT.AT.gt(since)));
    return byClient >= MAX_FAILURES_PER_CLIENT;
  }

  public void record(String email, String client, boolean succeeded) {
    db.insertInto(LOGIN_ATTEMPT)
        .set(LOGIN_ATTEMPT.EMAIL, email)
        .set(LOGIN_ATTEMPT.CLIENT, client)
        .set(LOGIN_ATTEMPT.SUCCEEDED, succeeded)
        .execute();
  }
}
