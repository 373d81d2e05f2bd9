package coop.sol.ledger.report;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.Map;

/**
 * What one aggregator call did for a network.
 *
 * @param busy another aggregator (this process or another) was working on the network: nothing was
 *     done, try again later
 * @param folded journal rows folded into the aggregates, per strand
 * @param watermarks the watermark per strand afterwards (seq of the last aggregated row)
 */
public record AggregationRun(
    NetworkId network,
    boolean busy,
    Map<StrandKind, Long> folded,
    Map<StrandKind, Long> watermarks) {
  public AggregationRun {
    folded = Map.copyOf(folded);
    watermarks = Map.copyOf(watermarks);
  }

  public long totalFolded() {
    return folded.values().stream().mapToLong(Long::longValue).sum();
  }
}
