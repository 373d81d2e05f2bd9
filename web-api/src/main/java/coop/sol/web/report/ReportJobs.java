package coop.sol.web.report;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.audit.Checkpoint;
import coop.sol.ledger.audit.Checkpoints;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.report.AggregationRun;
import coop.sol.ledger.report.Aggregator;
import coop.sol.web.networkkey.NetworkKeys;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reports' periodic work: folding new journal rows into the aggregates ({@link
 * Aggregator#catchUpAll}), and signing a checkpoint of every strand of every network that has new
 * rows ({@link Checkpoints#takeAll}). Both are safe to run concurrently with themselves and in
 * several instances (the aggregator answers busy, a checkpoint starts where the previous one
 * ended). A network whose checkpoint fails is logged and skipped; the next run retries it.
 *
 * <p>{@link ReportSchedule} calls these when {@code sol.jobs.enabled}; tests call them directly.
 */
@Component
class ReportJobs {
  private static final Logger log = LoggerFactory.getLogger(ReportJobs.class);

  private final Ledger ledger;
  private final Aggregator aggregator;
  private final Checkpoints checkpoints;
  private final NetworkKeys keys;

  ReportJobs(Ledger ledger, Aggregator aggregator, Checkpoints checkpoints, NetworkKeys keys) {
    this.ledger = ledger;
    this.aggregator = aggregator;
    this.checkpoints = checkpoints;
    this.keys = keys;
  }

  /** Brings every network's aggregates up to its heads. */
  List<AggregationRun> catchUp() {
    try {
      return aggregator.catchUpAll();
    } catch (RuntimeException e) {
      log.warn("Report aggregates not caught up (retried next run)", e);
      return List.of();
    }
  }

  /** Signs a checkpoint of every strand with new rows, in every network; how many were taken. */
  int checkpointAll() {
    int taken = 0;
    for (Network network : ledger.networks().list()) {
      try {
        taken += checkpoint(network).size();
      } catch (RuntimeException e) {
        log.warn("Checkpoints failed in network {}", network.code(), e);
      }
    }
    return taken;
  }

  /**
   * Signs a checkpoint of every strand of the network that has new rows, with the network's active
   * key (the one that signs its payment codes).
   */
  List<Checkpoint> checkpoint(Network network) {
    List<Checkpoint> taken = checkpoints.takeAll(network.id(), keys.signingKey(network.id()));
    if (!taken.isEmpty()) {
      log.info("Signed {} checkpoints in network {}", taken.size(), network.code());
    }
    return taken;
  }
}
