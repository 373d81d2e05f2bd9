package coop.sol.ledger.account;

/**
 * OPEN accounts take part in transfers. FROZEN and CLOSED accounts are neither debited nor
 * credited; pending transfers touching them can still be voided or expire, so reserved funds are
 * never stuck.
 */
public enum AccountStatus {
  OPEN,
  FROZEN,
  CLOSED
}
