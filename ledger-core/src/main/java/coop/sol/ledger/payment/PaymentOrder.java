package coop.sol.ledger.payment;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.transfer.TransferCommand;
import java.util.Objects;

/**
 * A payment to make: whatever the door (an API call, a page, a payment request, a pay token, a
 * till), this is what reaches the ledger.
 *
 * @param key the payment's key: its first transfer's idempotency key; a payment drawn on several
 *     voucher lots keys the others {@code <key>/1}, {@code <key>/2}...
 * @param payer who pays: the ledger posts only if they hold the debit account; null when the holder
 *     authorized the payment beforehand (a pay token, which only its account's holder can issue,
 *     charged by a till)
 * @param strand the strand of the payment: both accounts must be of it (SOL Affecté to pay with
 *     vouchers)
 * @param payee the account credited
 * @param amount in minor units of the payee's strand, > 0
 * @param reference the payer's (or the code's) reference, at most 200 characters
 * @param memo free text shown to both sides, at most 500 characters
 */
public record PaymentOrder(
    NetworkId network,
    IdempotencyKey key,
    Payer payer,
    Source source,
    StrandKind strand,
    AccountId payee,
    Amount amount,
    String reference,
    String memo) {

  public PaymentOrder {
    Objects.requireNonNull(network, "network");
    OperationKeys.check(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(strand, "strand");
    Objects.requireNonNull(payee, "payee");
    Objects.requireNonNull(amount, "amount");
    reference = reference == null ? "" : reference;
    memo = memo == null ? "" : memo;
    if (reference.length() > TransferCommand.MAX_REFERENCE_LENGTH
        || memo.length() > TransferCommand.MAX_MEMO_LENGTH) {
      throw new IllegalArgumentException("reference ≤ 200 and memo ≤ 500 characters");
    }
  }
}
