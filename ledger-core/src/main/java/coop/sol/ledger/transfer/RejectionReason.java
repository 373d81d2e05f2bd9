package coop.sol.ledger.transfer;

/**
 * Why a transfer was not posted. Names are stable: they are the {@code code} of the API's problem
 * details and may be stored by clients.
 */
public enum RejectionReason {
  /** The debit account does not exist in this network. */
  DEBIT_ACCOUNT_NOT_FOUND,
  /** The credit account does not exist in this network. */
  CREDIT_ACCOUNT_NOT_FOUND,
  /** Debit and credit account are the same. */
  SAME_ACCOUNT,
  /** An account is not of the transfer's strand (strands are never mixed). */
  STRAND_MISMATCH,
  /**
   * The debit account is frozen by a coordinator: it pays nothing (only a correction approved by
   * two coordinators, or a lot's sweep back to its funder at expiry, may debit it).
   */
  DEBIT_ACCOUNT_FROZEN,
  /**
   * The credit account is frozen by a coordinator: it is paid nothing (it may still receive a
   * refund or another reversal of a transfer it made, and a correction).
   */
  CREDIT_ACCOUNT_FROZEN,
  /** The debit account is closed. */
  DEBIT_ACCOUNT_CLOSED,
  /** The credit account is closed. */
  CREDIT_ACCOUNT_CLOSED,
  /** A payment's payer does not hold its debit account. */
  DEBIT_NOT_ALLOWED,
  /** A payment credits a system account (issuance, the fund...), which takes no payments. */
  CREDIT_ACCOUNT_NOT_PAYABLE,
  /**
   * The debit account is a lot of earmarked vouchers and the credit account is not a merchant of
   * one of the lot's categories (a lot pays only there; at its expiry what is left goes back to its
   * funder, and nowhere else).
   */
  MERCHANT_CATEGORY_NOT_ALLOWED,
  /** The debit account is a lot of earmarked vouchers past its expiry: it pays no one any more. */
  VOUCHERS_EXPIRED,
  /**
   * A payment from a member's account to another member's account, in a network that does not let
   * members pay members (its setting, read by the writer in the batch's transaction). Payments to
   * merchants and refunds or corrections between members are not concerned.
   */
  MEMBER_PAYMENTS_NOT_ALLOWED,
  /** The debit would take the available balance below the account's credit limit. */
  INSUFFICIENT_FUNDS,
  /** A balance would exceed what a 64-bit integer holds. */
  BALANCE_OVERFLOW,
  /** A transfer with this key exists with another debit account. */
  EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,
  /** A transfer with this key exists with another credit account. */
  EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,
  /** A transfer with this key exists with another amount. */
  EXISTS_WITH_DIFFERENT_AMOUNT,
  /** A transfer with this key exists with another strand, code, kind or reference fields. */
  EXISTS_WITH_DIFFERENT_FIELDS,
  /** The same idempotency key appears twice in one linked list. */
  DUPLICATE_KEY_IN_REQUEST,
  /** The pending transfer to post, void or expire does not exist. */
  PENDING_TRANSFER_NOT_FOUND,
  /** The transfer named to post, void or expire is not a pending transfer. */
  PENDING_TRANSFER_NOT_PENDING,
  /** The pending transfer was already posted. */
  PENDING_TRANSFER_ALREADY_POSTED,
  /** The pending transfer was already voided. */
  PENDING_TRANSFER_ALREADY_VOIDED,
  /** The pending transfer reached its timeout (or was already expired). */
  PENDING_TRANSFER_EXPIRED,
  /** An expiry was requested before the pending transfer's timeout. */
  PENDING_TRANSFER_NOT_EXPIRED,
  /** More than the pending amount was posted. */
  EXCEEDS_PENDING_AMOUNT,
  /** The transfer to reverse does not exist. */
  REVERSED_TRANSFER_NOT_FOUND,
  /** Only posted movements (POSTED, POST_PENDING) can be reversed. */
  REVERSED_TRANSFER_NOT_POSTED,
  /** A reversal must credit the account the original debited and debit the one it credited. */
  REVERSAL_ACCOUNTS_MISMATCH,
  /** The reversals of a transfer would exceed its amount. */
  REVERSAL_EXCEEDS_ORIGINAL,
  /** Another transfer of the same linked list was rejected, so this one was not posted. */
  LINKED_TRANSFER_FAILED,
  /**
   * The database refused to store the transfer for what it holds (a value it does not accept):
   * nothing was written, and the same request will be refused again. The other transfers of the
   * batch it came in were decided as if it had not been there.
   */
  REFUSED_BY_DATABASE,
  /** The writer's queue is full: nothing was posted; retry later with the same key. */
  LEDGER_BUSY,
  /**
   * The database could not be reached or the commit's result is unknown: retry with the same key,
   * which is safe (the retry returns the original outcome if it did post).
   */
  LEDGER_UNAVAILABLE,
  /**
   * No answer came within the time the caller waits ({@code WriterSettings.answerTimeout}): the
   * transfer may still post. Retry with the same key, which is safe and tells.
   */
  LEDGER_TIMEOUT
}
