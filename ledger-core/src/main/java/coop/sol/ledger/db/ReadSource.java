package coop.sol.ledger.db;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the ledger's reads run, chosen per call by how current the read must be ("read where it is
 * current", docs/scale-out.md).
 *
 * <ul>
 *   <li>{@link Freshness#CURRENT}: the primary, where every commit is visible at once. Balances,
 *       anything a payer reads right after paying (their last payment, the pay pages, a till's
 *       status), and every read that decides a write.
 *   <li>{@link Freshness#MAY_LAG}: reports, charts, exports, history pages and the directory. They
 *       run on {@link #mayLag()}, which may be a streaming replica that is behind the primary by at
 *       most the installation's bound ({@code sol.database.replica-max-lag}); the data source given
 *       chooses per connection (web-api's replica routing: the primary while the replica is down or
 *       lags beyond the bound). Without a replica both are the primary.
 * </ul>
 *
 * <p>A read that may lag is still one consistent snapshot: a replica replays whole transactions, so
 * a report's heads and rows agree there as they do on the primary.
 */
public final class ReadSource {

  /** How current a read must be. */
  public enum Freshness {
    /** Read on the primary: sees every committed transaction. */
    CURRENT,
    /** May be read on a replica, at most the configured bound behind the primary. */
    MAY_LAG
  }

  private final DataSource primary;
  private final DataSource mayLag;

  private ReadSource(DataSource primary, DataSource mayLag) {
    this.primary = Objects.requireNonNull(primary);
    this.mayLag = Objects.requireNonNull(mayLag);
  }

  /** Every read on the primary: an installation without a replica. */
  public static ReadSource primaryOnly(DataSource primary) {
    return new ReadSource(primary, primary);
  }

  /**
   * Current reads on {@code primary}, the others on {@code mayLag} (which chooses, per connection,
   * the replica or the primary).
   */
  public static ReadSource of(DataSource primary, DataSource mayLag) {
    return new ReadSource(primary, mayLag);
  }

  /** The primary: every write, and every read that must be current. */
  public DataSource primary() {
    return primary;
  }

  /** Where reads that may lag run. */
  public DataSource mayLag() {
    return mayLag;
  }

  /** Where a read of this freshness runs. */
  public DataSource of(Freshness freshness) {
    return freshness == Freshness.CURRENT ? primary : mayLag;
  }
}
