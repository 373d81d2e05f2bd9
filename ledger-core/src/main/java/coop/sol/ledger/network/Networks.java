package coop.sol.ledger.network;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Creates and finds networks. A new network gets all its ledgers, at scale 2. */
public final class Networks {
  private final NetworkStore store;

  public Networks(DataSource dataSource) {
    this.store = new NetworkStore(dataSource);
  }

  /**
   * Creates a network with one ledger per {@link StrandKind}.
   *
   * @param code short lower-case identifier, e.g. "brest"
   */
  public Network create(String code, String name) {
    return store.create(code, name);
  }

  public Optional<Network> find(NetworkId id) {
    return store.find(id);
  }

  public Optional<Network> findByCode(String code) {
    return store.findByCode(code).flatMap(this::find);
  }

  public List<Network> list() {
    return store.ids().stream().map(id -> find(id).orElseThrow()).toList();
  }
}
