package coop.sol.web.audit;

/** What an audit entry records. Names are stable: they are stored and shown to coordinators. */
public enum AuditAction {
  /** A user whose roles require a second factor logged in with password and TOTP code. */
  LOGIN_SUCCEEDED,
  /** Repeated failures locked logins for a username or an address for a while. */
  LOGIN_LOCKED_OUT,
  /** A personal access token was created (its scopes in the details, never the token). */
  AUTH_TOKEN_CREATED,
  /** A personal access token was revoked. */
  AUTH_TOKEN_REVOKED,
  /** A user turned on the second factor (TOTP) for their own logins. */
  SECOND_FACTOR_ENABLED,
  /** A user turned off the second factor they had turned on. */
  SECOND_FACTOR_DISABLED,
  /** A merchant set how much a cashier may refund at once. */
  CASHIER_REFUND_LIMIT_SET,
  /** A network got its first signing key, made by the application at first need. */
  NETWORK_KEY_CREATED,
  /** A network's signing key was replaced by a new one; the old one still verifies. */
  NETWORK_KEY_ROTATED,
  /** A merchant or cashier cancelled an open payment request. */
  PAYMENT_REQUEST_CANCELLED,
  /** A merchant or cashier refunded all or part of a payment. */
  REFUND_ISSUED,

  // --- SOL operations (coop.sol.web.operation)
  /** A coordinator changed a network setting (rates, categories, a merchant's, fonte rule...). */
  NETWORK_SETTINGS_CHANGED,
  /** An exchange office's euros were moved from its till to the guarantee fund. */
  EXCHANGE_TILL_BANKED,
  /** A coordinator granted an association an allowance of SOL Engagement. */
  VOLUNTEER_ALLOWANCE_GRANTED,
  /** A coordinator ran the fonte of a period by hand. */
  FONTE_RUN,
  /** A coordinator proposed a correction. */
  CORRECTION_PROPOSED,
  /** A second coordinator approved a correction, which was posted. */
  CORRECTION_APPROVED,
  /** A second coordinator declined a correction. */
  CORRECTION_DECLINED,
  /**
   * An online backup of the embedded database was written (by an administrator or the schedule).
   */
  BACKUP_CREATED,

  // --- reports (coop.sol.web.report)
  /** A coordinator had the network sign checkpoints now, outside the schedule. */
  CHECKPOINTS_TAKEN,
  /** A coordinator downloaded the network's full audit export (every journal row). */
  AUDIT_EXPORT_DOWNLOADED,
  /** A coordinator turned the network's public transparency page on or off. */
  TRANSPARENCY_CHANGED,

  // --- the directory of merchants (coop.sol.web.directory)
  /** A merchant or a coordinator wrote a merchant's public profile. */
  MERCHANT_PROFILE_CHANGED,
  /** A coordinator published the network's directory to everyone, or kept it for members. */
  DIRECTORY_PUBLICATION_CHANGED
}
