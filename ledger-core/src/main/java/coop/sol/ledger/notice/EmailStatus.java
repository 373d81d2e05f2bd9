package coop.sol.ledger.notice;

/** Where a notice's email stands. */
public enum EmailStatus {
  /** No email is to be sent (no SMTP, no address, or the person does not want it). */
  NONE,
  /** To send, at its next attempt. */
  PENDING,
  SENT,
  /** Every attempt failed; the notice is still shown in the application. */
  FAILED
}
