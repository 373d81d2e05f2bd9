package coop.sol.ledger.transfer;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** The writer's own SQL, for the bare writer the benchmark compares it with. */
public final class JournalSql {
  public static final String BALANCES = JournalStore.Hot.BALANCES.sql;
  public static final String INSERT = JournalStore.Hot.INSERT.sql;

  private JournalSql() {}

  /** {@code JournalStore.bindInsert}. */
  public static void bindInsert(
      PreparedStatement insert, long network, OffsetDateTime createdAt, Object... columns)
      throws SQLException {
    JournalStore.bindInsert(insert, network, createdAt, columns);
  }
}
