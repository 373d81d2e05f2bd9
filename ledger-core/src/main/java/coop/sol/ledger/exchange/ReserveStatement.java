package coop.sol.ledger.exchange;

import coop.sol.ledger.settings.EuroRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * SOL Coopération in circulation and the euros that back them, read at one instant (one database
 * snapshot), so the two are always comparable.
 *
 * @param solInCirculation SOL issued minus SOL returned (minus the issuance account's balance), in
 *     SOL minor units; bonuses and SOL issued without euros count too
 * @param eurosBanked the guarantee fund's balance, in euro minor units
 * @param eurosInTills the sum of the offices' tills, in euro minor units
 * @param euroRate the rate in force, if the network has one
 * @param circulationInEuros what the circulating SOL are worth at that rate, rounded down, in euro
 *     minor units (0 without a rate)
 */
public record ReserveStatement(
    Instant at,
    long solInCirculation,
    long eurosBanked,
    long eurosInTills,
    Optional<EuroRate> euroRate,
    long circulationInEuros) {

  /** Every euro the network holds: banked plus in the tills. */
  public long eurosHeld() {
    return Math.addExact(eurosBanked, eurosInTills);
  }

  /**
   * Euros held divided by the euro value of the circulation, rounded down to 4 decimals (1.0000 =
   * fully covered); empty when nothing circulates.
   */
  public Optional<BigDecimal> coverage() {
    if (circulationInEuros <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        BigDecimal.valueOf(eurosHeld())
            .divide(BigDecimal.valueOf(circulationInEuros), 4, RoundingMode.FLOOR));
  }
}
