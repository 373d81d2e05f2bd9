package coop.sol.ledger.voucher;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCommand;
import java.util.Objects;

/**
 * A beneficiary pays a merchant with earmarked vouchers.
 *
 * @param merchant the merchant's SOL Affecté account, credited
 * @param reference the caller's reference (a payment request, a ticket), may be empty
 */
public record VoucherPayment(
    NetworkId network,
    IdempotencyKey key,
    String beneficiaryRef,
    AccountId merchant,
    Amount amount,
    String reference) {
  public VoucherPayment {
    Objects.requireNonNull(network, "network");
    OperationKeys.check(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(beneficiaryRef, "beneficiaryRef");
    Objects.requireNonNull(merchant, "merchant");
    Objects.requireNonNull(amount, "amount");
    reference = reference == null ? "" : reference;
    if (reference.length() > TransferCommand.MAX_REFERENCE_LENGTH) {
      throw new IllegalArgumentException("a reference has at most 200 characters");
    }
  }
}
