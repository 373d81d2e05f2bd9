package coop.sol.ledger.transfer;

/** The last row of a strand's hash chain: its seq (0 for an empty strand) and hash. */
record ChainHead(long seq, byte[] hash) {}
