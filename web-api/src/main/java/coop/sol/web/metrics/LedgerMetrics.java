package coop.sol.web.metrics;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.ledger.transfer.WriteObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Counts what the ledger's writers decide, with Micrometer. Called on the writer threads, so it
 * only increments meters created up front (no lookup, no allocation per transfer). Meters are not
 * tagged by network: an installation may host hundreds.
 *
 * <ul>
 *   <li>{@code sol_transfers_posted_total}: transfers newly posted
 *   <li>{@code sol_transfers_replayed_total}: submissions answered with an earlier transfer (same
 *       idempotency key)
 *   <li>{@code sol_transfers_rejected_total{reason}}: rejections, by reason
 *   <li>{@code sol_transfers_latency_seconds}: submission to durable answer
 *   <li>{@code sol_ledger_commit_seconds}, {@code sol_ledger_commit_rows}: the writers' commits
 * </ul>
 */
@Component
class LedgerMetrics implements WriteObserver {
  private final Counter posted;
  private final Counter replayed;
  private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
  private final Timer latency;
  private final Timer commit;
  private final DistributionSummary commitRows;

  LedgerMetrics(MeterRegistry registry) {
    posted =
        Counter.builder("sol.transfers.posted")
            .description("Transfers newly posted to the journal")
            .register(registry);
    replayed =
        Counter.builder("sol.transfers.replayed")
            .description("Submissions answered with the transfer an earlier one posted")
            .register(registry);
    for (RejectionReason reason : RejectionReason.values()) {
      rejected.put(
          reason,
          Counter.builder("sol.transfers.rejected")
              .description("Transfers rejected, by reason")
              .tag("reason", reason.name())
              .register(registry));
    }
    latency =
        Timer.builder("sol.transfers.latency")
            .description("Time from a submission to its durable answer")
            .publishPercentileHistogram()
            .register(registry);
    commit =
        Timer.builder("sol.ledger.commit")
            .description("Time to decide and commit one batch")
            .publishPercentileHistogram()
            .register(registry);
    commitRows =
        DistributionSummary.builder("sol.ledger.commit.rows")
            .description("Journal rows per committed batch")
            .register(registry);
  }

  @Override
  public void batchCommitted(NetworkId network, int rows, long nanos) {
    commit.record(nanos, TimeUnit.NANOSECONDS);
    commitRows.record(rows);
  }

  @Override
  public void submissionDecided(List<TransferOutcome> outcomes, long nanos) {
    latency.record(nanos, TimeUnit.NANOSECONDS);
    for (TransferOutcome outcome : outcomes) {
      if (outcome instanceof TransferOutcome.Posted p) {
        (p.replayed() ? replayed : posted).increment();
      } else if (outcome instanceof TransferOutcome.Rejected r) {
        rejected.get(r.reason()).increment();
      }
    }
  }
}
