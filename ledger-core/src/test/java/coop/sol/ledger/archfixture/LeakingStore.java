package coop.sol.ledger.archfixture;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/** A public store that hands jOOQ types out: what {@code LedgerArchitectureTest} refuses. */
public final class LeakingStore {
  public DSLContext context() {
    return null;
  }

  public List<Record> rows() {
    return List.of();
  }

  /** For another store's transaction: allowed, only stores can call it. */
  public static void insert(DSLContext tx, String value) {}
}
