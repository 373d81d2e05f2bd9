package coop.sol.ledger.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells apart the ways a statement fails: the database out of reach or too slow (the same request
 * may succeed later: retry it), and the database refusing what it was asked (a value it does not
 * accept, a constraint: the same request will fail again, so retrying it only delays everyone
 * else). The ledger's writer and the web layer's error handling decide with it.
 */
public final class SqlFailures {

  /**
   * PostgreSQL's SQLSTATEs of unavailability besides class 08 (connection exceptions): the server
   * shutting down or starting, too many connections, the statement or idle-in-transaction timeouts
   * (a query that took too long was cancelled, not wrong), and the conflicts that a retry resolves
   * (serialization failure, deadlock).
   */
  private static final Set<String> UNAVAILABLE =
      Set.of("57P01", "57P02", "57P03", "53300", "57014", "25P03", "40001", "40P01");

  /**
   * SQLSTATE classes of a refusal that the same statement with the same values meets again: data
   * exceptions (22: a value too long, out of range, an invalid character), integrity constraints
   * (23), syntax or access rules (42), a function's own exception (P0: the journal's append-only
   * trigger), and a feature the server does not support (0A).
   */
  private static final Set<String> DETERMINISTIC_CLASSES = Set.of("22", "23", "42", "P0", "0A");

  private SqlFailures() {}

  /** Whether {@code failure}, or any of its causes, says the database is out of reach or slow. */
  public static boolean isUnavailability(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true; // the pool had no connection to give within its timeout
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || UNAVAILABLE.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} is the database refusing the request itself, so that the same request
   * would fail the same way: not worth a retry.
   */
  public static boolean isDeterministic(SQLException failure) {
    if (isUnavailability(failure)) {
      return false;
    }
    for (SQLException e = failure; e != null; e = e.getNextException()) {
      String state = e.getSQLState();
      if (state != null
          && state.length() == 5
          && DETERMINISTIC_CLASSES.contains(state.substring(0, 2))) {
        return true;
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
    String state = root instanceof SQLException sql ? " [" + sql.getSQLState() + "]" : "";
    return root.getClass().getSimpleName() + state + ": " + root.getMessage();
  }
}
