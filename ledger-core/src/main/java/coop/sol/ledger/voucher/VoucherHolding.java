package coop.sol.ledger.voucher;

import coop.sol.ledger.account.AccountStatus;

/**
 * A lot and what is left of it.
 *
 * @param remaining the lot account's available balance, in minor units
 * @param status the lot account's status: only an OPEN lot pays (a coordinator may freeze one)
 */
public record VoucherHolding(VoucherLot lot, long remaining, AccountStatus status) {}
