package coop.sol.ledger.report;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Runs work in one REPEATABLE READ transaction on one connection: every statement sees the same
 * snapshot, so a strand's recorded head and its journal rows agree (the writer commits both
 * together, and commits a strand's rows in seq order, so the rows up to the head are all there).
 */
final class Snapshot {
  private Snapshot() {}

  interface Work<T> {
    T run(Connection connection, DSLContext sql) throws SQLException;
  }

  static <T> T read(DataSource dataSource, Work<T> work) {
    return run(dataSource, true, work);
  }

  static <T> T write(DataSource dataSource, Work<T> work) {
    return run(dataSource, false, work);
  }

  private static <T> T run(DataSource dataSource, boolean readOnly, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      boolean wasReadOnly = c.isReadOnly();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(readOnly);
      try {
        T result = work.run(c, DSL.using(c, SQLDialect.POSTGRES));
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
        c.setTransactionIsolation(isolation);
        c.setReadOnly(wasReadOnly);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("report query failed: " + e.getMessage(), e);
    }
  }
}
