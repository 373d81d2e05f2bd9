package coop.sol.ledger.reconversion;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.transfer.IdempotencyKey;
import java.util.Objects;

/**
 * A merchant asks to turn SOL into euros.
 *
 * @param account the merchant's SOL Coopération account
 * @param sol the SOL handed back, fee included, in minor units
 */
public record ReconversionRequest(
    NetworkId network, IdempotencyKey key, AccountId account, Amount sol) {
  public ReconversionRequest {
    Objects.requireNonNull(network, "network");
    OperationKeys.check(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(sol, "sol");
  }
}
