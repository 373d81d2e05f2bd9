package coop.sol.ledger.archfixture;

import org.jooq.DSLContext;
import org.jooq.Record;

/** A store and a class nested in it, both using jOOQ, as {@code LedgerArchitectureTest} allows. */
final class FixtureStore {
  DSLContext sql;

  record Row(Record record) {}
}
