package coop.sol.ledger.refund;

import coop.sol.ledger.transfer.Transfer;
import java.util.List;

/**
 * A refund made: one REFUND transfer per payment transfer it gave back to (payee → the payer's
 * account, reversing it).
 */
public record Refunded(long amount, List<Transfer> transfers, boolean replayed) {
  public Refunded {
    transfers = List.copyOf(transfers);
  }
}
