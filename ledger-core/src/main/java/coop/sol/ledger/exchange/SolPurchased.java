package coop.sol.ledger.exchange;

import coop.sol.ledger.transfer.Transfer;
import java.util.List;

/**
 * A purchase recorded.
 *
 * @param euros euros received, in euro minor units
 * @param sol SOL issued for them, in SOL minor units ({@code floor(euros / rate)})
 * @param bonus bonus SOL issued on top ({@code floor(sol × bonus rate)}), possibly 0
 * @param transfers ISSUANCE, then PURCHASE_BONUS if any, then RESERVE_DEPOSIT
 * @param replayed whether this answers a retry of a purchase already recorded
 */
public record SolPurchased(
    long euros, long sol, long bonus, List<Transfer> transfers, boolean replayed) {
  public SolPurchased {
    transfers = List.copyOf(transfers);
  }
}
