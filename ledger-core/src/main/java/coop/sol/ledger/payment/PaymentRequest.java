package coop.sol.ledger.payment;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferId;
import java.time.Duration;
import java.time.Instant;

/**
 * A payment request as stored ({@code payment_request}).
 *
 * @param id the signed code's nonce, 24 hex digits
 * @param amount minor units of the merchant account's strand, > 0
 * @param code the signed code, unpadded base64url
 * @param status as stored; see {@link #status(Instant)} for what it is now
 * @param payerUserId the payer who claimed it (paying or paid), or null
 * @param payerKey that payer's Idempotency-Key
 * @param claimedAt when the payer claimed it; null when nobody is paying
 */
public record PaymentRequest(
    NetworkId network,
    String id,
    AccountId merchantAccount,
    long amount,
    String reference,
    String keyId,
    String code,
    Instant expiresAt,
    Status status,
    long createdBy,
    Instant createdAt,
    Long payerUserId,
    AccountId payerAccount,
    String payerKey,
    Instant claimedAt,
    TransferId paidTransfer,
    Instant paidAt,
    Instant cancelledAt) {

  /**
   * A claim older than this is abandoned (its payer crashed, or timed out waiting for the ledger,
   * which answers within 30 s): the ledger is asked what became of it, and it is settled or
   * released.
   */
  public static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(2);

  public enum Status {
    OPEN,
    PAID,
    EXPIRED,
    CANCELLED;

    public boolean isFinal() {
      return this != OPEN;
    }
  }

  /** The ledger key of its payment: whoever pays, the request posts once. */
  public IdempotencyKey ledgerKey() {
    return new IdempotencyKey("pr-" + id);
  }

  /** The status at {@code now}: an open request nobody is paying expires at its expiry. */
  public Status status(Instant now) {
    if (status == Status.OPEN && claimedAt == null && !now.isBefore(expiresAt)) {
      return Status.EXPIRED;
    }
    return status;
  }

  public boolean paymentInProgress() {
    return status == Status.OPEN && claimedAt != null;
  }

  public boolean claimedBy(long userId, String key) {
    return payerUserId != null && payerUserId == userId && key.equals(payerKey);
  }

  public boolean claimIsStale(Instant now) {
    return claimedAt != null && claimedAt.plus(CLAIM_TIMEOUT).isBefore(now);
  }
}
