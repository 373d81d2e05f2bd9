package coop.sol.ledger.refund;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferId;
import java.util.List;
import java.util.Objects;

/**
 * A refund of all or part of a payment.
 *
 * @param payee the account the payment credited (the merchant refunding)
 * @param payment the payment's transfers, in the order they were posted (one for an ordinary
 *     payment; one per lot for an earmarked voucher payment), at most 50
 * @param amount the total to give back, in minor units
 * @param memo why, for the journal
 */
public record RefundRequest(
    NetworkId network,
    IdempotencyKey key,
    AccountId payee,
    List<TransferId> payment,
    Amount amount,
    String memo) {
  public RefundRequest {
    Objects.requireNonNull(network, "network");
    OperationKeys.check(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(payee, "payee");
    payment = List.copyOf(payment);
    if (payment.isEmpty()
        || payment.size() > 50
        || payment.stream().distinct().count() < payment.size()) {
      throw new IllegalArgumentException("a payment is 1 to 50 distinct transfers");
    }
    Objects.requireNonNull(amount, "amount");
    memo = memo == null ? "" : memo;
    if (memo.length() > TransferCommand.MAX_MEMO_LENGTH) {
      throw new IllegalArgumentException("a memo has at most 500 characters");
    }
  }

  /** A refund of an ordinary payment (one transfer). */
  public static RefundRequest of(
      NetworkId network, IdempotencyKey key, AccountId payee, TransferId payment, Amount amount) {
    return new RefundRequest(network, key, payee, List.of(payment), amount, "");
  }
}
