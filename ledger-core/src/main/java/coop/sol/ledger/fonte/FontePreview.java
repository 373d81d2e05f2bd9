package coop.sol.ledger.fonte;

import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.settings.FontePeriod;
import java.util.List;

/**
 * Who a run of the period would charge, and how much, if it ran now (charges already posted for the
 * period show as ALREADY_CHARGED). Nothing is recorded.
 */
public record FontePreview(StrandKind strand, FontePeriod period, List<FonteCharge> charges) {
  public FontePreview {
    charges = List.copyOf(charges);
  }

  /** Minor units that would be newly charged. */
  public long totalDue() {
    return charges.stream()
        .filter(c -> c.status() == ChargeStatus.DUE)
        .mapToLong(FonteCharge::amount)
        .sum();
  }
}
