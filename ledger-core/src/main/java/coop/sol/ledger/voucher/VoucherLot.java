package coop.sol.ledger.voucher;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import java.time.Instant;
import java.util.Set;

/**
 * A lot of earmarked vouchers, as granted (immutable). Its remaining value is the balance of its
 * account.
 *
 * @param account the lot's own SOL Affecté account
 * @param amount granted, in minor units
 */
public record VoucherLot(
    NetworkId network,
    AccountId account,
    String grantKey,
    AccountId funder,
    String beneficiaryRef,
    long amount,
    Instant expiresAt,
    Set<String> categories,
    Instant grantedAt) {
  public VoucherLot {
    categories = Set.copyOf(categories);
  }

  /** Spendable at {@code now}: strictly before the expiry. */
  public boolean validAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** Whether a merchant in {@code merchantCategories} may be paid from this lot. */
  public boolean allows(Set<String> merchantCategories) {
    return merchantCategories.stream().anyMatch(categories::contains);
  }
}
