package coop.sol.ledger.fonte;

import java.util.List;

/**
 * What a call to run the fonte did.
 *
 * @param run the run as recorded after this call
 * @param charges every subject account and what became of it; for a run completed by an earlier
 *     call, only its charges (ALREADY_CHARGED)
 */
public record FonteRunReport(FonteRun run, List<FonteCharge> charges) {
  public FonteRunReport {
    charges = List.copyOf(charges);
  }

  /** Minor units charged by this call (0 for a second run of the same period). */
  public long chargedNow() {
    return charges.stream()
        .filter(c -> c.status() == ChargeStatus.CHARGED)
        .mapToLong(FonteCharge::amount)
        .sum();
  }

  public long countWith(ChargeStatus status) {
    return charges.stream().filter(c -> c.status() == status).count();
  }
}
