package coop.sol.ledger.notice;

/** What a notice tells. Stored by name. */
public enum NoticeKind {
  /** A merchant (who asked for it) was paid. */
  PAYMENT_RECEIVED,
  /** A member received earmarked vouchers (SOL Affecté). */
  VOUCHER_RECEIVED,
  /** The fonte will charge an account at the end of the period (sent 7 days before). */
  FONTE_COMING,
  /** An activation link was sent (the link itself is in the email only). */
  ACTIVATION,
  /** A password reset link was sent (the link itself is in the email only). */
  PASSWORD_RESET
}
