package coop.sol.ledger.user;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Counts login attempts per username and per client address ({@code login_throttle}), shared by
 * every application instance. Each method is one statement, so concurrent attempts, on one instance
 * or several, are counted exactly.
 */
public final class LoginThrottleStore {
  /** What is counted. */
  public enum Scope {
    USERNAME,
    ADDRESS
  }

  /** An attempt's admission: allowed, or refused until {@code lockedUntil} (null: none set yet). */
  public record Admission(boolean allowed, Instant lockedUntil) {}

  private final DSLContext sql;

  public LoginThrottleStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /**
   * Counts an attempt before its check, unless the subject is locked or already has {@code max}
   * attempts within the window (whose count started after {@code windowStart}): then it is refused
   * and nothing is counted. A lock that has ended, or a window that has passed, starts the count
   * anew.
   */
  public Admission admit(Scope scope, String subject, int max, Instant now, Instant windowStart) {
    Optional<Integer> counted =
        sql.resultQuery(
                "INSERT INTO login_throttle AS t (scope, subject, attempts, last_attempt_at)"
                    + " VALUES ({0}, {1}, 1, {2})"
                    + " ON CONFLICT (scope, subject) DO UPDATE SET"
                    + " attempts = CASE WHEN t.last_attempt_at < {3} OR t.locked_until <= {2}"
                    + " THEN 1 ELSE t.attempts + 1 END,"
                    + " last_attempt_at = {2},"
                    + " locked_until = CASE WHEN t.locked_until <= {2} THEN NULL"
                    + " ELSE t.locked_until END"
                    + " WHERE (t.locked_until IS NULL OR t.locked_until <= {2})"
                    + " AND (t.attempts < {4} OR t.last_attempt_at < {3} OR t.locked_until <= {2})"
                    + " RETURNING attempts",
                DSL.val(scope.name()),
                DSL.val(subject),
                DSL.val(utc(now)),
                DSL.val(utc(windowStart)),
                DSL.val(max))
            .fetchOptional(0, Integer.class);
    if (counted.isPresent()) {
      return new Admission(true, null);
    }
    Instant until =
        sql.fetchOptional(
                "SELECT locked_until FROM login_throttle WHERE scope = ? AND subject = ?",
                scope.name(),
                subject)
            .map(r -> r.get(0, OffsetDateTime.class))
            .map(OffsetDateTime::toInstant)
            .orElse(null);
    return new Admission(false, until);
  }

  /**
   * Records that an admitted attempt failed: if the subject has reached {@code max} attempts and is
   * not locked yet, locks it until {@code lockedUntil}.
   *
   * @return whether this failure locked the subject
   */
  public boolean failed(Scope scope, String subject, int max, Instant lockedUntil) {
    return sql.execute(
            "UPDATE login_throttle SET locked_until = {0}"
                + " WHERE scope = {1} AND subject = {2} AND attempts >= {3}"
                + " AND locked_until IS NULL",
            DSL.val(utc(lockedUntil)), DSL.val(scope.name()), DSL.val(subject), DSL.val(max))
        == 1;
  }

  /**
   * Takes back one admitted attempt that turned out not to be a failure (a login that succeeded, or
   * was refused for another reason than its credentials), unless the subject is locked.
   */
  public void release(Scope scope, String subject) {
    sql.execute(
        "UPDATE login_throttle SET attempts = greatest(attempts - 1, 0)"
            + " WHERE scope = {0} AND subject = {1} AND locked_until IS NULL",
        DSL.val(scope.name()), DSL.val(subject));
  }

  /** Forgets a subject's attempts (a successful login), unless it is locked. */
  public void forget(Scope scope, String subject, Instant now) {
    sql.execute(
        "DELETE FROM login_throttle WHERE scope = {0} AND subject = {1}"
            + " AND (locked_until IS NULL OR locked_until <= {2})",
        DSL.val(scope.name()), DSL.val(subject), DSL.val(utc(now)));
  }

  /** Removes the rows neither locked at {@code now} nor touched since {@code before}. */
  public int purge(Instant before, Instant now) {
    return sql.execute(
        "DELETE FROM login_throttle WHERE last_attempt_at < {0}"
            + " AND (locked_until IS NULL OR locked_until <= {1})",
        DSL.val(utc(before)), DSL.val(utc(now)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
