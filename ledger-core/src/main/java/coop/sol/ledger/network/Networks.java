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
    return store.create(code, name, null);
  }

  /**
   * Creates a network with its profile, and one ledger per {@link StrandKind}.
   *
   * @return the network; empty if a network has this code already
   */
  public Optional<Network> create(String code, String name, NetworkProfile profile) {
    return store.createNew(code, name, java.util.Objects.requireNonNull(profile, "profile"));
  }

  /** Changes a network's name and profile (its code never changes); false if it does not exist. */
  public boolean update(NetworkId id, String name, NetworkProfile profile) {
    return store.update(id, name, profile);
  }

  public Optional<NetworkProfile> profile(NetworkId id) {
    return store.profile(id);
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
