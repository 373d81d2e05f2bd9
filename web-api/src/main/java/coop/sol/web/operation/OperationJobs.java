package coop.sol.web.operation;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.fonte.FonteRunReport;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.ledger.voucher.ExpirySweep;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The operations' periodic work, network by network: expiring pending transfers whose timeout has
 * passed, returning expired vouchers to their funders, and running the fonte of periods that have
 * ended. Each job is idempotent and safe to run concurrently with itself (in another instance of
 * the application too): the ledger's keys make a second run post nothing new. A network whose job
 * fails is logged and skipped; the next run retries it.
 *
 * <p>{@link OperationSchedule} calls these on their schedules when {@code sol.jobs.enabled}; tests
 * call them directly.
 */
@Component
class OperationJobs {
  private static final Logger log = LoggerFactory.getLogger(OperationJobs.class);

  /** Who runs the scheduled fonte, as recorded with each run. */
  static final Actor SCHEDULER = Actor.of("sol-scheduler");

  private static final List<StrandKind> SOL_STRANDS =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private final Ledger ledger;
  private final Operations operations;
  private final int pendingExpiryBatch;

  OperationJobs(
      Ledger ledger,
      Operations operations,
      @Value("${sol.jobs.pending-expiry-batch:1000}") int pendingExpiryBatch) {
    this.ledger = ledger;
    this.operations = operations;
    this.pendingExpiryBatch = pendingExpiryBatch;
  }

  /** Expires due pending transfers (at most a batch per network a run); how many it expired. */
  int expirePendingTransfers() {
    int expired = 0;
    for (Network network : ledger.networks().list()) {
      try {
        int n = ledger.transfers().expireDue(network.id(), pendingExpiryBatch);
        if (n > 0) {
          log.info("Expired {} pending transfers in network {}", n, network.code());
        }
        expired += n;
      } catch (RuntimeException e) {
        log.warn("Pending transfer expiry failed in network {}", network.code(), e);
      }
    }
    return expired;
  }

  /** Returns what is left of expired voucher lots to their funders; minor units returned. */
  long expireVouchers() {
    long returned = 0;
    for (Network network : ledger.networks().list()) {
      try {
        ExpirySweep sweep = operations.vouchers().expireDue(network.id());
        if (!sweep.returned().isEmpty()) {
          log.info(
              "Returned {} expired voucher lots to their funders in network {}",
              sweep.returned().size(),
              network.code());
        }
        if (!sweep.failed().isEmpty()) {
          log.warn(
              "Voucher lots not returned in network {} (retried next run): {}",
              network.code(),
              sweep.failed());
        }
        returned += sweep.total();
      } catch (RuntimeException e) {
        log.warn("Voucher expiry failed in network {}", network.code(), e);
      }
    }
    return returned;
  }

  /**
   * Runs, for every strand with an enabled fonte rule, the latest period that has ended unless it
   * was run; how many runs charged something or completed now.
   */
  int runDueFonte() {
    int runs = 0;
    for (Network network : ledger.networks().list()) {
      for (StrandKind strand : SOL_STRANDS) {
        try {
          Outcome<FonteRunReport> outcome =
              operations.fonte().runDue(network.id(), strand, SCHEDULER);
          if (outcome instanceof Outcome.Done<FonteRunReport> done) {
            FonteRunReport report = done.value();
            if (report.chargedNow() > 0) {
              log.info(
                  "Fonte {} {} of network {}: {} minor units charged",
                  strand,
                  report.run().period(),
                  network.code(),
                  report.chargedNow());
            }
            runs++;
          } else if (outcome instanceof Outcome.Refused<FonteRunReport> refused
              && refused.reason() != OperationReason.NO_FONTE_RULE
              && refused.reason() != OperationReason.NOTHING_DUE) {
            log.warn(
                "Fonte {} of network {} not run: {}", strand, network.code(), refused.reason());
          } else if (outcome instanceof Outcome.Rejected<FonteRunReport> rejected) {
            log.warn(
                "Fonte {} of network {} not run: {}", strand, network.code(), rejected.reason());
          }
        } catch (RuntimeException e) {
          log.warn("Fonte {} failed in network {}", strand, network.code(), e);
        }
      }
    }
    return runs;
  }
}
