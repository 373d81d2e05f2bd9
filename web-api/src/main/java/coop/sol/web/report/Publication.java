package coop.sol.web.report;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.report.PublicationStore;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Whether a network publishes its transparency page (ledger-core's {@link PublicationStore}). */
@Component
class Publication {
  private final PublicationStore store;

  Publication(DataSource dataSource) {
    this.store = new PublicationStore(dataSource);
  }

  boolean transparent(NetworkId network) {
    return store.transparent(network);
  }

  /** Turns it on or off; whether that changed anything. */
  boolean set(NetworkId network, boolean transparency, String by) {
    return store.set(network, transparency, by);
  }
}
