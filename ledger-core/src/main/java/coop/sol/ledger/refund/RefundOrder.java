package coop.sol.ledger.refund;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferId;
import java.util.Objects;

/**
 * A refund of all or part of a payment, named by any of its transfers (a payment drawn on several
 * voucher lots is refunded across them).
 *
 * @param payee the account the payment credited (the merchant refunding)
 * @param payment one of the payment's transfers
 * @param amount the total to give back, in minor units; null for all that is left of the payment
 * @param memo why, for the journal
 */
public record RefundOrder(
    NetworkId network,
    IdempotencyKey key,
    AccountId payee,
    TransferId payment,
    Amount amount,
    String memo) {
  public RefundOrder {
    Objects.requireNonNull(network, "network");
    OperationKeys.check(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(payee, "payee");
    Objects.requireNonNull(payment, "payment");
    memo = memo == null ? "" : memo;
    if (memo.length() > TransferCommand.MAX_MEMO_LENGTH) {
      throw new IllegalArgumentException("a memo has at most 500 characters");
    }
  }
}
