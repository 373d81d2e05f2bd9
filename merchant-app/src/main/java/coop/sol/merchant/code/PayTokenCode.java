package coop.sol.merchant.code;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A single-use token a member shows at the till: the cashier may charge the member's account any
 * amount up to {@code cap}, once, before {@code expiresAt}.
 *
 * @param networkId > 0
 * @param memberAccountId the account to debit; > 0
 * @param cap most the merchant may charge, minor units (1 = 0.01 SOL); > 0
 * @param expiresAt first instant the token is no longer valid; truncated to whole seconds
 * @param nonce makes the token unique
 */
public record PayTokenCode(
    long networkId, long memberAccountId, long cap, Instant expiresAt, Nonce nonce)
    implements PaymentCode {

  public PayTokenCode {
    FieldRules.positive("networkId", networkId);
    FieldRules.positive("memberAccountId", memberAccountId);
    FieldRules.positive("cap", cap);
    expiresAt = FieldRules.expiry(expiresAt);
    Objects.requireNonNull(nonce, "nonce");
  }

  /** A new token with a fresh nonce. */
  public static PayTokenCode issue(
      long networkId, long memberAccountId, long cap, Instant expiresAt, SecureRandom random) {
    return new PayTokenCode(networkId, memberAccountId, cap, expiresAt, Nonce.random(random));
  }

  @Override
  public Optional<Instant> expiry() {
    return Optional.of(expiresAt);
  }
}
