package coop.sol.ledger.reconversion;

import coop.sol.ledger.settings.BasisPoints;
import coop.sol.ledger.settings.EuroRate;

/**
 * What a reconversion of {@code sol} gives, before it is made.
 *
 * @param sol handed back, SOL minor units
 * @param fee to the association's fund, SOL minor units: {@code ceil(sol × fee rate)}
 * @param net returned to issuance: {@code sol - fee}
 * @param euros paid out, euro minor units: {@code floor(net × euro rate)}
 */
public record ReconversionQuote(
    long sol, long fee, long net, long euros, BasisPoints feeRate, EuroRate euroRate) {

  /**
   * The quote for {@code sol} minor units. Fee rounded <b>up</b> (the association never collects
   * less than the rate), euros rounded <b>down</b> (the reserve never pays more than the SOL
   * returned are worth); what rounding leaves stays in the reserve.
   */
  public static ReconversionQuote of(
      long sol, BasisPoints feeRate, EuroRate euroRate, int solScale, int euroScale) {
    long fee = feeRate.ceilOf(sol);
    long net = sol - fee;
    return new ReconversionQuote(
        sol, fee, net, euroRate.eurosFor(net, solScale, euroScale), feeRate, euroRate);
  }
}
