package coop.sol.ledger.voucher;

import coop.sol.ledger.transfer.Transfer;

/** A lot granted: the GRANT transfer, funder → the lot's account. */
public record VoucherGranted(VoucherLot lot, Transfer transfer, boolean replayed) {}
