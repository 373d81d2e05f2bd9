package coop.sol.ledger;

import coop.sol.ledger.account.Accounts;
import coop.sol.ledger.db.ReadSource;
import coop.sol.ledger.journal.JournalVerifier;
import coop.sol.ledger.network.Networks;
import coop.sol.ledger.transfer.Transfers;
import coop.sol.ledger.transfer.WriteObserver;
import coop.sol.ledger.transfer.WriterSettings;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The ledger of an installation: its networks, accounts and transfers, over one PostgreSQL database
 * whose schema the migrations module created. Close it to stop the writers.
 */
public final class Ledger implements AutoCloseable {
  private final Networks networks;
  private final Accounts accounts;
  private final Transfers transfers;
  private final JournalVerifier verifier;

  public Ledger(
      DataSource dataSource, WriterSettings settings, Clock clock, WriteObserver observer) {
    this(ReadSource.primaryOnly(dataSource), settings, clock, observer);
  }

  /**
   * A ledger whose writes and current reads run on {@code reads.primary()}, and whose reads that
   * may lag (an account's history read {@link ReadSource.Freshness#MAY_LAG}) on {@code
   * reads.mayLag()}.
   */
  public Ledger(ReadSource reads, WriterSettings settings, Clock clock, WriteObserver observer) {
    DataSource dataSource = reads.primary();
    this.networks = new Networks(dataSource);
    this.accounts = new Accounts(dataSource);
    this.transfers = new Transfers(reads, settings, clock, observer);
    this.verifier = new JournalVerifier(dataSource, accounts, transfers);
  }

  public Networks networks() {
    return networks;
  }

  public Accounts accounts() {
    return accounts;
  }

  public Transfers transfers() {
    return transfers;
  }

  public JournalVerifier verifier() {
    return verifier;
  }

  @Override
  public void close() {
    transfers.close();
  }
}
