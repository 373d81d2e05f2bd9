package coop.sol.ledger.exchange;

import coop.sol.ledger.transfer.Transfer;

/** Euros moved from an office's till to the guarantee fund (a RESERVE_DEPOSIT). */
public record TillBanked(Transfer transfer, boolean replayed) {}
