package coop.sol.ledger.report;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A circulation report to compute.
 *
 * @param strand a SOL strand (not EURO)
 * @param euroPerSol the euro rate used for the coverage ratio (1 SOL = euroPerSol EUR), > 0; the
 *     caller passes the rate in force at the period's end
 * @param top how many merchants the top lists hold, 1 to 100
 */
public record ReportRequest(
    NetworkId network, StrandKind strand, ReportPeriod period, BigDecimal euroPerSol, int top) {

  public static final int DEFAULT_TOP = 10;

  public ReportRequest {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(period, "period");
    if (strand == null || strand == StrandKind.EURO) {
      throw new IllegalArgumentException("reports are for a SOL strand, got " + strand);
    }
    if (euroPerSol == null || euroPerSol.signum() <= 0) {
      throw new IllegalArgumentException("the euro rate is > 0");
    }
    if (top < 1 || top > 100) {
      throw new IllegalArgumentException("top is 1 to 100");
    }
  }

  /** At 1 SOL = 1 EUR, with the top 10 merchants. */
  public static ReportRequest of(NetworkId network, StrandKind strand, ReportPeriod period) {
    return new ReportRequest(network, strand, period, BigDecimal.ONE, DEFAULT_TOP);
  }
}
