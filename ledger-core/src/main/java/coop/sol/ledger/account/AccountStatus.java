package coop.sol.ledger.account;

/**
 * OPEN accounts take part in transfers. FROZEN accounts (a coordinator's decision, with a reason)
 * are neither debited nor credited, except by a correction under dual control, a reversal that
 * credits them (a refund) and, for a lot of vouchers, the sweep back to its funder at expiry.
 * CLOSED accounts (zero balances, for good) take part in nothing. Pending transfers touching a
 * frozen or closed account can still be voided or expire, so reserved funds are never stuck. The
 * writer applies these rules (see {@code BatchDecider}), whatever the door.
 */
public enum AccountStatus {
  OPEN,
  FROZEN,
  CLOSED
}
