package coop.sol.ledger.payment;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;

/**
 * A pay token as stored ({@code pay_token}).
 *
 * @param id the signed code's nonce, 24 hex digits
 * @param cap the most a merchant may charge, minor units of the member account's strand, > 0
 * @param redeemerUserId the till's user who claimed it (charging or charged), or null
 * @param redeemerKey that user's Idempotency-Key
 * @param merchantAccount the account the claim credits
 * @param amount what the claim charges, minor units, at most the cap; null when unclaimed
 * @param usedTransfer the posted charge; once set, the token is used for good
 */
public record PayToken(
    NetworkId network,
    String id,
    AccountId memberAccount,
    long cap,
    String keyId,
    String code,
    Instant expiresAt,
    long issuedBy,
    Instant createdAt,
    Long redeemerUserId,
    String redeemerKey,
    AccountId merchantAccount,
    Long amount,
    Instant claimedAt,
    TransferId usedTransfer,
    Instant usedAt) {

  public enum Status {
    OPEN,
    USED,
    EXPIRED
  }

  /** The ledger key of its charge: whichever till charges it, it posts once. */
  public IdempotencyKey ledgerKey() {
    return new IdempotencyKey("pt-" + id);
  }

  public Status status(Instant now) {
    if (usedTransfer != null) {
      return Status.USED;
    }
    return now.isBefore(expiresAt) ? Status.OPEN : Status.EXPIRED;
  }

  public boolean claimedBy(long userId, String key) {
    return redeemerUserId != null && redeemerUserId == userId && key.equals(redeemerKey);
  }

  public boolean claimIsStale(Instant now) {
    return claimedAt != null && claimedAt.plus(PaymentRequest.CLAIM_TIMEOUT).isBefore(now);
  }
}
