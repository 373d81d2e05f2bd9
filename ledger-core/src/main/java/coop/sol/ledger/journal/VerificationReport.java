package coop.sol.ledger.journal;

import coop.sol.ledger.network.StrandKind;
import java.util.Map;
import java.util.Optional;

/**
 * The result of verifying a network's journal.
 *
 * @param rows journal rows checked per strand
 * @param firstDiscrepancy the first problem found, if any
 */
public record VerificationReport(
    Map<StrandKind, Long> rows, Optional<Discrepancy> firstDiscrepancy) {
  public boolean valid() {
    return firstDiscrepancy.isEmpty();
  }
}
