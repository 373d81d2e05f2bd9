package coop.sol.ledger.payment;

import coop.sol.ledger.transfer.Transfer;
import java.util.List;

/**
 * A payment made.
 *
 * @param legs its PAYMENT transfers, in the order posted: one, or one per voucher lot drawn on
 *     (earliest expiry first; the lot is each leg's debit account)
 * @param amount the total, in minor units
 * @param replayed whether an earlier order with the same key made it (this one posted nothing)
 */
public record Paid(List<Transfer> legs, long amount, boolean replayed) {
  public Paid {
    legs = List.copyOf(legs);
    if (legs.isEmpty()) {
      throw new IllegalArgumentException("a payment has at least one transfer");
    }
  }

  /** The payment's first transfer: its id names the payment (receipts, refunds). */
  public Transfer first() {
    return legs.get(0);
  }
}
