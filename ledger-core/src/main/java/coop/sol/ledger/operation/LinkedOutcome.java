package coop.sol.ledger.operation;

import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.ledger.transfer.TransferOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's answer to the linked list an operation submitted, read the way operations need it:
 * all posted (and whether as a replay of an earlier submission), or the reason of the transfer that
 * failed — not the {@code LINKED_TRANSFER_FAILED} of its companions.
 *
 * @param transfers the posted transfers in list order; empty when rejected
 * @param rejection the reason of the first transfer rejected for itself, or null when posted
 * @param failedLeg the index of that transfer in the list, or -1
 * @param replayed whether every transfer was posted by an earlier submission with the same keys
 */
public record LinkedOutcome(
    List<Transfer> transfers, RejectionReason rejection, int failedLeg, boolean replayed) {

  public LinkedOutcome {
    transfers = List.copyOf(transfers);
  }

  public static LinkedOutcome of(List<TransferOutcome> outcomes) {
    var posted = new ArrayList<Transfer>(outcomes.size());
    boolean replayed = true;
    for (TransferOutcome o : outcomes) {
      if (o instanceof TransferOutcome.Posted p) {
        posted.add(p.transfer());
        replayed &= p.replayed();
      }
    }
    if (posted.size() == outcomes.size()) {
      return new LinkedOutcome(posted, null, -1, replayed && !outcomes.isEmpty());
    }
    // the transfer rejected for itself; if none (a list failed as a whole: LEDGER_BUSY,
    // LEDGER_UNAVAILABLE), the first rejected one
    int leg = -1;
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof TransferOutcome.Rejected r) {
        if (r.reason() != RejectionReason.LINKED_TRANSFER_FAILED) {
          leg = i;
          break;
        }
        if (leg < 0) {
          leg = i;
        }
      }
    }
    RejectionReason reason = ((TransferOutcome.Rejected) outcomes.get(leg)).reason();
    return new LinkedOutcome(List.of(), reason, leg, false);
  }

  public boolean posted() {
    return rejection == null;
  }
}
