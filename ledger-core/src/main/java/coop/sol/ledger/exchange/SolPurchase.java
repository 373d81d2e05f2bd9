package coop.sol.ledger.exchange;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.transfer.IdempotencyKey;
import java.util.Objects;

/**
 * A purchase of SOL Coopération for euros at an exchange office.
 *
 * @param key the caller's idempotency key (a retry with the same key posts nothing new)
 * @param officeRef the office (owner_ref of its euro till)
 * @param buyer the SOL Coopération account credited (a member's, a merchant's or an association's)
 * @param euros the euros received, in minor units of the euro ledger (cents)
 */
public record SolPurchase(
    NetworkId network, IdempotencyKey key, String officeRef, AccountId buyer, Amount euros) {
  public SolPurchase {
    Objects.requireNonNull(network, "network");
    OperationKeys.check(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(officeRef, "officeRef");
    Objects.requireNonNull(buyer, "buyer");
    Objects.requireNonNull(euros, "euros");
  }
}
