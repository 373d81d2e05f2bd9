package coop.sol.ledger.settings;

import java.util.Objects;

/**
 * The rates of a network.
 *
 * @param euroRate 1 SOL = this many euros
 * @param purchaseBonus extra SOL issued on a purchase at an exchange office, as a share of the SOL
 *     bought (500 bp: 63 SOL for 60 EUR at 1:1)
 * @param reconversionFee share of the SOL a merchant reconverts that goes to the association's fund
 *     (0 to 5 % in practice)
 */
public record NetworkRates(
    EuroRate euroRate, BasisPoints purchaseBonus, BasisPoints reconversionFee) {
  public NetworkRates {
    Objects.requireNonNull(euroRate, "euroRate");
    Objects.requireNonNull(purchaseBonus, "purchaseBonus");
    Objects.requireNonNull(reconversionFee, "reconversionFee");
  }
}
