package coop.sol.web.account;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import coop.sol.ledger.Ledger;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Networks by id, with their code, name and the scale of each strand, as responses need them for
 * every account and transfer. Networks are few and change rarely, so they are cached for a minute.
 */
@Component
public class NetworkDirectory {
  private final LoadingCache<NetworkId, Network> networks;

  public NetworkDirectory(Ledger ledger) {
    this.networks =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build(id -> ledger.networks().find(id).orElseThrow());
  }

  public Network network(NetworkId id) {
    return networks.get(id);
  }

  /** The number of decimals of amounts in {@code strand} of {@code network}. */
  public int scale(NetworkId network, StrandKind strand) {
    return network(network).scale(strand);
  }
}
