package coop.sol.ledger.network;

import static coop.sol.ledger.jooq.Tables.NETWORK;
import static coop.sol.ledger.jooq.Tables.STRAND;

import java.time.ZoneId;
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
  Network create(String code, String name, NetworkProfile profile) {
    return sql.transactionResult(
        tx -> {
          long id =
              tx.dsl()
                  .insertInto(NETWORK)
                  .set(NETWORK.CODE, code)
                  .set(NETWORK.NAME, name)
                  .set(NETWORK.CURRENCY_NAME, profile == null ? null : profile.currencyName())
                  .set(
                      NETWORK.TIME_ZONE,
                      profile == null ? "Europe/Paris" : profile.timeZone().getId())
                  .set(NETWORK.DEFAULT_LANGUAGE, profile == null ? "fr" : profile.defaultLanguage())
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

  /** As {@link #create}, but empty when the code is taken (however many create it at once). */
  Optional<Network> createNew(String code, String name, NetworkProfile profile) {
    try {
      return Optional.of(create(code, name, profile));
    } catch (org.jooq.exception.DataAccessException e) {
      if ("23505".equals(e.sqlState())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Changes the network's name and profile; false if there is no such network. */
  boolean update(NetworkId id, String name, NetworkProfile profile) {
    return sql.update(NETWORK)
            .set(NETWORK.NAME, name)
            .set(NETWORK.CURRENCY_NAME, profile.currencyName())
            .set(NETWORK.TIME_ZONE, profile.timeZone().getId())
            .set(NETWORK.DEFAULT_LANGUAGE, profile.defaultLanguage())
            .where(NETWORK.NETWORK_ID.eq(id.value()))
            .execute()
        == 1;
  }

  /** The network's profile; a network made before profiles had one names its currency by itself. */
  Optional<NetworkProfile> profile(NetworkId id) {
    return sql.selectFrom(NETWORK)
        .where(NETWORK.NETWORK_ID.eq(id.value()))
        .fetchOptional()
        .map(
            r ->
                new NetworkProfile(
                    r.getCurrencyName() == null ? r.getName() : r.getCurrencyName(),
                    ZoneId.of(r.getTimeZone()),
                    r.getDefaultLanguage()));
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
