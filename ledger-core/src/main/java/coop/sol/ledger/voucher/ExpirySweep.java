package coop.sol.ledger.voucher;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.Transfer;
import java.util.List;
import java.util.Map;

/**
 * What one run of the expiry job did.
 *
 * @param returned the VOUCHER_EXPIRY transfers this run posted (lot → funder)
 * @param alreadyReturned how many lots were answered as already swept (a concurrent run)
 * @param failed lots the ledger refused to sweep (e.g. a frozen funder account), retried next run
 */
public record ExpirySweep(
    List<Transfer> returned, int alreadyReturned, Map<AccountId, RejectionReason> failed) {
  public ExpirySweep {
    returned = List.copyOf(returned);
    failed = Map.copyOf(failed);
  }

  /** Minor units returned to funders by this run. */
  public long total() {
    return returned.stream().mapToLong(Transfer::amount).sum();
  }
}
