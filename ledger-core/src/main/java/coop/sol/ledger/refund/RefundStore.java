package coop.sol.ledger.refund;

import static coop.sol.ledger.jooq.Tables.TRANSFER;
import static org.jooq.impl.DSL.sum;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.TransferId;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Reads reversals from the journal through jOOQ. */
final class RefundStore {
  private final DSLContext sql;

  RefundStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /** For each transfer, the total of the transfers that reverse it (absent = 0), minor units. */
  Map<TransferId, Long> reversedSoFar(NetworkId network, Collection<TransferId> ids) {
    var totals = new HashMap<TransferId, Long>();
    sql.select(TRANSFER.REVERSES_ID, sum(TRANSFER.AMOUNT))
        .from(TRANSFER)
        .where(TRANSFER.NETWORK_ID.eq(network.value()))
        .and(TRANSFER.REVERSES_ID.in(ids.stream().map(TransferId::value).toList()))
        .groupBy(TRANSFER.REVERSES_ID)
        .forEach(
            r ->
                totals.put(
                    new TransferId(r.value1()), r.get(1, BigDecimal.class).longValueExact()));
    return totals;
  }
}
