package coop.sol.ledger.till;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.refund.Refunds;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The QR sales tills took in a period (a day, for the till's list and its closing report), each
 * with what was refunded of it; and who took a given sale, so that a cashier refunds their own.
 */
public final class TillDays {
  private final TillDayStore store;
  private final Refunds refunds;

  public TillDays(DataSource dataSource, Refunds refunds) {
    this.store = new TillDayStore(dataSource);
    this.refunds = refunds;
  }

  /**
   * The sales paid in [from, to) to these merchant accounts, taken by the user {@code takenBy}
   * (null: by anyone), oldest first.
   */
  public List<TillSale> sales(
      NetworkId network,
      Collection<AccountId> merchantAccounts,
      Long takenBy,
      Instant from,
      Instant to) {
    if (merchantAccounts.isEmpty() || !from.isBefore(to)) {
      return List.of();
    }
    return store.sales(network, merchantAccounts, takenBy, from, to).stream()
        .map(
            row -> {
              long left = refunds.refundable(network, row.payment()).orElseThrow();
              return new TillSale(
                  row.payment(),
                  row.kind(),
                  row.takenBy(),
                  row.takenByName(),
                  row.merchantAccount(),
                  row.payerAccount(),
                  row.amount(),
                  Math.max(0, Math.subtractExact(row.amount(), left)),
                  row.at(),
                  row.reference());
            })
        .toList();
  }

  /** The user who took the sale paid by {@code payment} (a till's request or charge), if any. */
  public Optional<Long> takenBy(NetworkId network, TransferId payment) {
    return store.takenBy(network, payment);
  }
}
