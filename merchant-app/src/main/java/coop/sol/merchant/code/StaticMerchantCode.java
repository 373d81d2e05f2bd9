package coop.sol.merchant.code;

import java.time.Instant;
import java.util.Optional;

/**
 * The code a merchant prints for the counter: it names the account to pay, and the payer types the
 * amount. It neither expires nor is single-use; the network stops it by no longer trusting the key
 * that signed it.
 *
 * @param networkId > 0
 * @param merchantAccountId the account to credit; > 0
 */
public record StaticMerchantCode(long networkId, long merchantAccountId) implements PaymentCode {

  public StaticMerchantCode {
    FieldRules.positive("networkId", networkId);
    FieldRules.positive("merchantAccountId", merchantAccountId);
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.empty();
  }
}
