package vademecum.account;

import static vademecum.db.schema.Tables.LOGIN_ATTEMPT;

import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.impl.DSL;

/** SQL for sign-in attempts, counted to slow down password guessing. */
public final class LoginAttemptRepository {

  public enum Kind {
    PAIR,
    EMAIL,
    CLIENT
  }

  /** How many failures one count holds in the window, and when the last one was. */
  public record Failures(Kind kind, int count, OffsetDateTime last) {}

  /** Failures of this e-mail from this address, not counting those before its last success. */
  public Failures failuresForPair(
      DSLContext db, String email, String client, OffsetDateTime since) {
    return failures(
        db,
        Kind.PAIR,
        LOGIN_ATTEMPT
            .EMAIL
            .eq(email)
            .and(LOGIN_ATTEMPT.CLIENT.eq(client))
            .and(afterLastSuccess(email, since)));
  }

  /** Failures for the e-mail from anywhere, not counting those before its last success. */
  public Failures failuresForEmail(DSLContext db, String email, OffsetDateTime since) {
    return failures(
        db, Kind.EMAIL, LOGIN_ATTEMPT.EMAIL.eq(email).and(afterLastSuccess(email, since)));
  }

  public Failures failuresForClient(DSLContext db, String client, OffsetDateTime since) {
    return failures(
        db, Kind.CLIENT, LOGIN_ATTEMPT.CLIENT.eq(client).and(LOGIN_ATTEMPT.AT.gt(since)));
  }

  private static Failures failures(DSLContext db, Kind kind, Condition which) {
    return db.select(DSL.count(), DSL.max(LOGIN_ATTEMPT.AT))
        .from(LOGIN_ATTEMPT)
        .where(which.and(LOGIN_ATTEMPT.SUCCEEDED.isFalse()))
        .fetchSingle(Records.mapping((count, last) -> new Failures(kind, count, last)));
  }

  private static Condition afterLastSuccess(String email, OffsetDateTime since) {
    var lastSuccess =
        DSL.select(DSL.max(LOGIN_ATTEMPT.AT))
            .from(LOGIN_ATTEMPT)
            .where(LOGIN_ATTEMPT.EMAIL.eq(email).and(LOGIN_ATTEMPT.SUCCEEDED));
    return LOGIN_ATTEMPT
        .AT
        .gt(since)
        .and(LOGIN_ATTEMPT.AT.gt(DSL.coalesce(lastSuccess.asField(), since)));
  }

  public void insert(DSLContext db, String email, String client, boolean succeeded) {
    db.insertInto(LOGIN_ATTEMPT)
        .set(LOGIN_ATTEMPT.EMAIL, email)
        .set(LOGIN_ATTEMPT.CLIENT, client)
        .set(LOGIN_ATTEMPT.SUCCEEDED, succeeded)
        .execute();
  }
}
