/**
 * Transfers: the commands a caller submits, the outcomes it gets back, the journal rows they
 * become, and the write path that decides and stores them. One {@code NetworkWriter} per network is
 * the only writer of that network's balances and journal: it decides each transfer in order against
 * exact balances and makes many transfers share one database commit.
 */
package coop.sol.ledger.transfer;
