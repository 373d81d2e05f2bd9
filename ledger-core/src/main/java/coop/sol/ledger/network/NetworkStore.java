package coop.sol.ledger.network;

import static coop.sol.ledger.jooq.Tables.NETWORK;
import static coop.sol.ledger.jooq.Tables.STRAND;

import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The network and strand tables through jOOQ; records stay here. */
final class NetworkStore {
  private final DSLContext sql;

  NetworkStore(DataSource dataSource) {
    this(DSL.using(dataSource, SQLDialect.POSTGRES));
  }

  private NetworkStore(DSLContext sql) {
    this.sql = sql;
  }

  /** Inserts the network and one strand per kind in one transaction. */
  Network create(String code, String name) {
    return sql.transactionResult(
        tx -> {
          long id =
              tx.dsl()
                  .insertInto(NETWORK, NETWORK.CODE, NETWORK.NAME)
                  .values(code, name)
                  .returning(NETWORK.NETWORK_ID)
                  .fetchOne(NETWORK.NETWORK_ID);
          var insert =
              tx.dsl().insertInto(STRAND, STRAND.NETWORK_ID, STRAND.STRAND_ID, STRAND.KIND);
          for (StrandKind kind : StrandKind.values()) {
            insert = insert.values(id, kind.id(), kind.name());
          }
          insert.execute();
          return new NetworkStore(tx.dsl()).find(new NetworkId(id)).orElseThrow();
        });
  }

  Optional<NetworkId> findByCode(String code) {
    return sql.select(NETWORK.NETWORK_ID)
        .from(NETWORK)
        .where(NETWORK.CODE.eq(code))
        .fetchOptional(NETWORK.NETWORK_ID)
        .map(NetworkId::new);
  }

  /** Every network's id, in id order. */
  List<NetworkId> ids() {
    return sql
        .select(NETWORK.NETWORK_ID)
        .from(NETWORK)
        .orderBy(NETWORK.NETWORK_ID)
        .fetch(NETWORK.NETWORK_ID)
        .stream()
        .map(NetworkId::new)
        .toList();
  }

  Optional<Network> find(NetworkId id) {
    var network = sql.selectFrom(NETWORK).where(NETWORK.NETWORK_ID.eq(id.value())).fetchOptional();
    if (network.isEmpty()) {
      return Optional.empty();
    }
    var scales = new EnumMap<StrandKind, Integer>(StrandKind.class);
    sql.select(STRAND.STRAND_ID, STRAND.SCALE)
        .from(STRAND)
        .where(STRAND.NETWORK_ID.eq(id.value()))
        .forEach(r -> scales.put(StrandKind.ofId(r.value1()), r.value2().intValue()));
    return Optional.of(new Network(id, network.get().getCode(), network.get().getName(), scales));
  }
}
