package coop.sol.ledger.operation;

/**
 * Why an operation was refused by its own rules, before the ledger was asked. (When the ledger
 * rejects an operation's transfers, the outcome carries the ledger's {@link
 * coop.sol.ledger.transfer.RejectionReason} instead.) Names are stable: an API may use them as
 * error codes and clients may store them.
 */
public enum OperationReason {
  // --- configuration
  /** The network's system accounts are not set up ({@code NetworkSettings.setUp}). */
  NOT_SET_UP,
  /** The network has no rates (euro rate, bonus, reconversion fee) in force. */
  RATES_NOT_SET,
  /** The merchant has no reward rate in force, or it is zero. */
  NO_REWARD_RATE,
  /** The association has no volunteer rate in force. */
  NO_VOLUNTEER_RATE,
  /** The strand has no fonte rule in force, or it is disabled. */
  NO_FONTE_RULE,
  /** A merchant category code that the network has not defined. */
  UNKNOWN_CATEGORY,

  // --- accounts
  /** An account named by the operation does not exist in this network. */
  ACCOUNT_NOT_FOUND,
  /** An account is not of the strand the operation works in. */
  WRONG_STRAND,
  /** An account's owner kind cannot play its part in this operation (e.g. a reward to a shop). */
  WRONG_OWNER_KIND,
  /** The account is closed for good: it is neither frozen, unfrozen nor reopened. */
  ACCOUNT_CLOSED,
  /**
   * The account (or one of the person's) still holds something, posted or pending: it closes only
   * at zero. Move its balance first, by a correction a second coordinator approves.
   */
  ACCOUNT_NOT_EMPTY,
  /** The new credit limit is the account's current one. */
  CREDIT_LIMIT_UNCHANGED,
  /** The account already uses more than the lower credit limit asked for. */
  CREDIT_LIMIT_IN_USE,
  /** No such credit limit change in this network. */
  CREDIT_LIMIT_CHANGE_NOT_FOUND,
  /** The credit limit change was already applied, declined or withdrawn. */
  CREDIT_LIMIT_CHANGE_ALREADY_DECIDED,
  /** No exchange office with this reference has a euro till in this network. */
  UNKNOWN_EXCHANGE_OFFICE,
  /** The office would take more euros today than the daily limit its network set. */
  OFFICE_DAILY_LIMIT_EXCEEDED,

  // --- amounts
  /** After the documented rounding, the operation would move nothing. */
  AMOUNT_ROUNDS_TO_ZERO,
  /** The association's allowance of SOL Engagement does not cover the hours certified. */
  OVER_ALLOWANCE,
  /** The euro reserve does not hold the euros a reconversion would pay out. */
  RESERVE_INSUFFICIENT,

  // --- reconversion
  /** Only merchants turn SOL into euros; members and others never do. */
  ONLY_MERCHANTS_RECONVERT,
  /** Only SOL Coopération converts to euros (Engagement never does, Affecté not by holders). */
  STRAND_NOT_CONVERTIBLE,

  // --- earmarked vouchers (where a lot may pay, and until when, are the ledger's own rules:
  // RejectionReason.MERCHANT_CATEGORY_NOT_ALLOWED and VOUCHERS_EXPIRED)
  /** A voucher's expiry is not after the time it is granted. */
  EXPIRY_NOT_IN_FUTURE,

  // --- payment codes (payment requests, pay tokens)
  /** The payment request is paid, or someone else is paying it. */
  PAYMENT_REQUEST_ALREADY_PAID,
  /** The payment request expired before anyone paid it. */
  PAYMENT_REQUEST_EXPIRED,
  /** The payment request was cancelled by its till. */
  PAYMENT_REQUEST_CANCELLED,
  /** The pay token was used, or another till is charging it. */
  PAY_TOKEN_ALREADY_USED,
  /** The charge is more than the pay token's cap. */
  PAY_TOKEN_CAP_EXCEEDED,
  /** No pay token of this network has this code. */
  PAY_TOKEN_UNKNOWN,
  /** The code expired before it was used. */
  PAYMENT_CODE_EXPIRED,

  // --- refunds
  /** The transfer to refund is not in this network. */
  PAYMENT_NOT_FOUND,
  /** Only a PAYMENT, posted, can be refunded. */
  TRANSFER_NOT_REFUNDABLE,
  /** The account refunding is not the one the payment credited. */
  NOT_THE_PAYEE,

  // --- corrections
  /** No correction with this id in this network. */
  CORRECTION_NOT_FOUND,
  /** The correction was already posted, declined or withdrawn. */
  CORRECTION_ALREADY_DECIDED,
  /** A coordinator cannot approve or decline their own proposal (dual control). */
  SELF_APPROVAL,
  /** Only the coordinator who proposed a correction can withdraw it. */
  NOT_THE_AUTHOR,
  /** The transfer a correction would reverse is not in this network. */
  TRANSFER_NOT_FOUND,

  // --- fonte
  /** The fonte period has not ended yet. */
  PERIOD_NOT_OVER,
  /** The period is not one of the periods of the strand's fonte rule. */
  PERIOD_NOT_IN_SCHEDULE,
  /** The period overlaps a period already run (the rule's schedule changed). */
  PERIOD_OVERLAPS_RUN,
  /** No fonte period of the rule has ended yet. */
  NOTHING_DUE,

  // --- member cards (docs/member-card.md)
  /** No card of this network has this id, version or number. */
  CARD_UNKNOWN,
  /** The card is blocked (by its holder, by staff, or after three wrong PINs in a row). */
  CARD_BLOCKED,
  /** This version of the card was replaced: only the newest version pays. */
  CARD_REPLACED,
  /** The PIN is not the card's; the card is blocked after three in a row. */
  CARD_WRONG_PIN,
  /** Three PINs for this card are being checked at other tills right now: try again. */
  CARD_BUSY,
  /** A PIN is 4 to 6 digits. */
  CARD_PIN_INVALID,
  /** The payment is more than the network allows in one card payment. */
  CARD_PAYMENT_CAP_EXCEEDED,
  /** The payment would take the card past its daily cap (the holder's, or the network's). */
  CARD_DAILY_CAP_EXCEEDED,
  /** An offline till may accept a card only up to the network's offline cap. */
  CARD_OFFLINE_CAP_EXCEEDED,
  /** A holder's daily cap is at most the network's. */
  CARD_CAP_ABOVE_NETWORK,
  /** The card is not blocked (nothing to unblock), or a replaced version cannot be changed. */
  CARD_NOT_BLOCKED,
  /** The account a card is issued for must be a member's, open, in this network. */
  CARD_ACCOUNT_NOT_ELIGIBLE,
  /** The PIN-reset code is unknown, used, replaced by a newer one, or expired. */
  CARD_PIN_RESET_INVALID,
  /** A network's card caps are all positive, offline cap ≤ payment cap ≤ daily cap. */
  CARD_CAPS_INVALID,

  // --- idempotency
  /** The idempotency key was used before for a different request. */
  KEY_REUSED_WITH_DIFFERENT_REQUEST
}
