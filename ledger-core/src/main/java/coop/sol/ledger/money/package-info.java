/**
 * Money as the ledger sees it: whole numbers of minor units ({@code long}), overflow-checked.
 * Decimal strings exist only at the edges; {@link coop.sol.ledger.money.Decimals} converts them
 * exactly, for a given scale (the number of decimals of a strand).
 */
package coop.sol.ledger.money;
