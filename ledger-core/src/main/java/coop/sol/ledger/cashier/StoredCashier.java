package coop.sol.ledger.cashier;

import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import java.util.Map;

/**
 * A cashier of a merchant.
 *
 * @param id the cashier's grant id ({@code user_role})
 * @param merchant the username of the merchant whose till they work
 * @param limits refund limits in minor units, per strand; a strand without one allows no refund
 */
public record StoredCashier(
    long id,
    NetworkId network,
    String merchant,
    String username,
    String displayName,
    Map<StrandKind, Long> limits) {
  public StoredCashier {
    limits = Map.copyOf(limits);
  }
}
