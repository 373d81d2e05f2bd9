package coop.sol.ledger.voucher;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.OperationKeys;
import coop.sol.ledger.transfer.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A funder grants a beneficiary a lot of earmarked vouchers.
 *
 * @param key the caller's key: it identifies the lot, so a retry grants nothing new
 * @param funder the funder's SOL Affecté account, debited
 * @param beneficiaryRef who receives the lot (their owner_ref, e.g. their username)
 * @param expiresAt the lot is spendable strictly before this instant; from it, what is left returns
 *     to the funder
 * @param categories merchant categories where the lot may be spent, 1 to 20
 * @param label what the beneficiary reads, e.g. "Chèque alimentation" (the lot account's name)
 */
public record VoucherGrant(
    NetworkId network,
    IdempotencyKey key,
    AccountId funder,
    String beneficiaryRef,
    Amount amount,
    Instant expiresAt,
    Set<String> categories,
    String label) {
  public VoucherGrant {
    Objects.requireNonNull(network, "network");
    OperationKeys.check(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(funder, "funder");
    if (beneficiaryRef == null || beneficiaryRef.isEmpty() || beneficiaryRef.length() > 100) {
      throw new IllegalArgumentException("a beneficiary reference has 1 to 100 characters");
    }
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(expiresAt, "expiresAt");
    categories = java.util.Collections.unmodifiableSet(new TreeSet<>(categories));
    if (categories.isEmpty() || categories.size() > 20) {
      throw new IllegalArgumentException("a voucher names 1 to 20 merchant categories");
    }
    if (label == null || label.isBlank() || label.length() > 200) {
      throw new IllegalArgumentException("a voucher's label has 1 to 200 characters");
    }
  }
}
