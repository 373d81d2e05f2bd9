package coop.sol.ledger.archfixture;

import coop.sol.ledger.Ledger;

/**
 * A feature class that depends on the root package: with a root class that depends on it, the cycle
 * {@code LedgerArchitectureTest} must find.
 */
public final class FeatureSide {
  Ledger ledger;
}
