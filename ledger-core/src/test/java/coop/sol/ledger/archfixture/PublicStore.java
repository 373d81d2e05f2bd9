package coop.sol.ledger.archfixture;

/** A public store: what {@code LedgerArchitectureTest} refuses. */
public final class PublicStore {}
