package coop.sol.ledger.reward;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCommand;
import java.util.Objects;

/**
 * A purchase paid in euros that a merchant rewards.
 *
 * @param merchant the merchant's SOL Coopération account, which pays the reward
 * @param member the member's SOL Coopération account, which receives it
 * @param eurosPaid the purchase, in euro minor units (cents)
 * @param receipt the merchant's reference of the purchase (its ticket number), may be empty
 */
public record PurchaseReward(
    NetworkId network,
    IdempotencyKey key,
    AccountId merchant,
    AccountId member,
    Amount eurosPaid,
    String receipt) {
  public PurchaseReward {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(merchant, "merchant");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(eurosPaid, "eurosPaid");
    receipt = receipt == null ? "" : receipt;
    if (receipt.length() > TransferCommand.MAX_REFERENCE_LENGTH) {
      throw new IllegalArgumentException("a receipt reference has at most 200 characters");
    }
  }
}
