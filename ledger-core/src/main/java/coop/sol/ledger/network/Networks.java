package coop.sol.ledger.network;

import static coop.sol.ledger.jooq.Tables.NETWORK;
import static coop.sol.ledger.jooq.Tables.STRAND;

import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Creates and finds networks. A new network gets all its ledgers, at scale 2. */
public final class Networks {
  private final DSLContext sql;

  public Networks(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * Creates a network with one ledger per {@link StrandKind}.
   *
   * @param code short lower-case identifier, e.g. "brest"
   */
  public Network create(String code, String name) {
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
          return find(tx.dsl(), new NetworkId(id)).orElseThrow();
        });
  }

  public Optional<Network> find(NetworkId id) {
    return find(sql, id);
  }

  public Optional<Network> findByCode(String code) {
    return sql.select(NETWORK.NETWORK_ID)
        .from(NETWORK)
        .where(NETWORK.CODE.eq(code))
        .fetchOptional(NETWORK.NETWORK_ID)
        .flatMap(id -> find(new NetworkId(id)));
  }

  public List<Network> list() {
    return sql
        .select(NETWORK.NETWORK_ID)
        .from(NETWORK)
        .orderBy(NETWORK.NETWORK_ID)
        .fetch(NETWORK.NETWORK_ID)
        .stream()
        .map(id -> find(new NetworkId(id)).orElseThrow())
        .toList();
  }

  private static Optional<Network> find(DSLContext sql, NetworkId id) {
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
