package coop.sol.ledger.archfixture;

import org.jooq.DSLContext;

/**
 * A class that is not a store and is given a DSLContext: what {@code LedgerArchitectureTest}
 * refuses.
 */
final class QueryingClass {
  DSLContext sql;
}
