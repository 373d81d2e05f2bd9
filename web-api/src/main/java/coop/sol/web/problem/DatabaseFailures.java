package coop.sol.web.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;

/**
 * Tells a database that is down, restarting or too slow from a bug: the first is answered 503
 * {@code DATABASE_UNAVAILABLE} with {@code Retry-After} (the client may try again shortly, and
 * nothing half-done stays behind, the transaction having failed as a whole), the second remains an
 * INTERNAL_ERROR.
 */
public final class DatabaseFailures {
  /** Seconds a client should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 2;

  /**
   * PostgreSQL's SQLSTATEs of unavailability besides class 08 (connection exceptions): the server
   * shutting down or starting, too many connections, and the statement or idle-in-transaction
   * timeouts (a query that took too long was cancelled, not wrong), and a serialization failure:
   * what a read replica answers when it cancels a read that conflicts with the changes it replays
   * ("conflict with recovery"), which the same read succeeds on moments later.
   */
  private static final Set<String> STATES =
      Set.of("57P01", "57P02", "57P03", "53300", "57014", "25P03", "40001");

  private DatabaseFailures() {}

  /** Whether {@code failure}, or any of its causes, says the database is out of reach or slow. */
  public static boolean isUnavailability(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true; // the pool had no connection to give within its timeout
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** One line on the failure for the log: its innermost message, without a stack trace. */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** The 503 answer. */
  public static ApiProblemException problem() {
    ProblemCode code = ProblemCode.DATABASE_UNAVAILABLE;
    return new ApiProblemException(
        code.status(),
        code.name(),
        code.detail(),
        Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
  }
}
