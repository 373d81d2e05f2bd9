package coop.sol.ledger.transfer;

/** The writer's own SQL, for the bare writer the benchmark compares it with. */
public final class JournalSql {
  public static final String BALANCES = JournalStore.Hot.BALANCES.sql;
  public static final String INSERT = JournalStore.Hot.INSERT.sql;

  private JournalSql() {}
}
