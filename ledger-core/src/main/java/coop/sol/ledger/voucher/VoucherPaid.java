package coop.sol.ledger.voucher;

import coop.sol.ledger.transfer.Transfer;
import java.util.List;

/**
 * A voucher payment made.
 *
 * @param transfers one PAYMENT per lot drawn on (lot → merchant), earliest expiry first; the lot of
 *     each is its debit account. Refund them together with {@code Refunds}.
 */
public record VoucherPaid(long amount, List<Transfer> transfers, boolean replayed) {
  public VoucherPaid {
    transfers = List.copyOf(transfers);
  }
}
