package coop.sol.merchant.code;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A single-use request for a fixed amount, shown by the till after the cashier typed it. The payer
 * pays the merchant account exactly {@code amount}; the ledger accepts it once and before {@code
 * expiresAt}.
 *
 * @param networkId > 0
 * @param merchantAccountId the account to credit; > 0
 * @param amount minor units (1 = 0.01 SOL); > 0
 * @param reference the merchant's own text (ticket number, table), at most 40 UTF-8 bytes, no
 *     control characters; may be empty
 * @param expiresAt first instant the request is no longer valid; truncated to whole seconds
 * @param nonce makes the request unique
 */
public record PaymentRequestCode(
    long networkId,
    long merchantAccountId,
    long amount,
    String reference,
    Instant expiresAt,
    Nonce nonce)
    implements PaymentCode {

  public PaymentRequestCode {
    FieldRules.positive("networkId", networkId);
    FieldRules.positive("merchantAccountId", merchantAccountId);
    FieldRules.positive("amount", amount);
    FieldRules.reference(reference);
    expiresAt = FieldRules.expiry(expiresAt);
    Objects.requireNonNull(nonce, "nonce");
  }

  /** A new request with a fresh nonce. */
  public static PaymentRequestCode issue(
      long networkId,
      long merchantAccountId,
      long amount,
      String reference,
      Instant expiresAt,
      SecureRandom random) {
    return new PaymentRequestCode(
        networkId, merchantAccountId, amount, reference, expiresAt, Nonce.random(random));
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.of(expiresAt);
  }
}
