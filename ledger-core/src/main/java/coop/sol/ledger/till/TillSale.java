package coop.sol.ledger.till;

import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;

/**
 * A QR sale a till took.
 *
 * @param payment the payment's transfer (its first, for one drawn on several voucher lots)
 * @param kind how it was taken
 * @param takenBy the user who showed the request or charged the token (the merchant or a cashier)
 * @param takenByName their display name
 * @param merchantAccount the account credited
 * @param payerAccount the account debited
 * @param amount the sale, minor units of the merchant account's strand, > 0
 * @param refunded what was refunded of it so far, minor units, 0 to {@code amount}
 * @param at when it was paid
 * @param reference the merchant's text shown to the payer (empty for a token)
 */
public record TillSale(
    TransferId payment,
    Kind kind,
    long takenBy,
    String takenByName,
    AccountId merchantAccount,
    AccountId payerAccount,
    long amount,
    long refunded,
    Instant at,
    String reference) {
  /** How a sale was taken: a payment request the till showed, or a member's pay token charged. */
  public enum Kind {
    REQUEST,
    TOKEN
  }

  public TillSale {
    Objects.requireNonNull(payment);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(at);
    if (amount <= 0 || refunded < 0 || refunded > amount) {
      throw new IllegalArgumentException("amount > 0 and 0 <= refunded <= amount");
    }
  }

  /** What the sale brought in, net of its refunds, minor units. */
  public long net() {
    return Math.subtractExact(amount, refunded);
  }
}
