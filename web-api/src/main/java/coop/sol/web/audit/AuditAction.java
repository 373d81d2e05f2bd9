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
  // --- life cycle (coop.sol.web.lifecycle)
  /** A coordinator froze an account, with a reason. */
  ACCOUNT_FROZEN,
  /** A coordinator unfroze an account, with a reason. */
  ACCOUNT_UNFROZEN,
  /** A coordinator closed an account for good (its balances at zero), with a reason. */
  ACCOUNT_CLOSED,
  /** A coordinator froze every account of a person in the network, with a reason. */
  PERSON_FROZEN,
  /** A coordinator unfroze every frozen account of a person in the network, with a reason. */
  PERSON_UNFROZEN,
  /** A coordinator closed a person in the network: accounts closed, personal data replaced. */
  PERSON_CLOSED,
  /** A coordinator proposed raising an account's credit limit (a second one must approve). */
  CREDIT_LIMIT_CHANGE_PROPOSED,
  /** An account's credit limit changed: a cut, or a raise a second coordinator approved. */
  CREDIT_LIMIT_CHANGED,
  /** A second coordinator declined raising an account's credit limit. */
  CREDIT_LIMIT_CHANGE_DECLINED,
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

  // --- networks and people (coop.sol.web.network, coop.sol.web.people)
  /** An administrator created a network. */
  NETWORK_CREATED,
  /** An administrator changed a network's name, profile or rates. */
  NETWORK_CHANGED,
  /** A person was enrolled, with their roles and an activation code (never the code). */
  PERSON_CREATED,
  /** A coordinator imported a file of people: how many lines, created, skipped; its SHA-256. */
  PEOPLE_IMPORTED,
  /** A person's roles in a network were changed. */
  PERSON_ROLES_CHANGED,
  /** A coordinator's appointment was proposed, waiting for a second coordinator. */
  COORDINATOR_PROPOSED,
  /** A second coordinator approved an appointment: the person is a coordinator. */
  COORDINATOR_APPROVED,
  /** A second coordinator declined an appointment. */
  COORDINATOR_DECLINED,
  /** A person's access was reset: new activation, old password, sessions and tokens ended. */
  ACCESS_RESET,
  /**
   * A person asked for a link to choose a new password ("forgot password"): nothing of their access
   * changed yet, their current password still works until the link is used.
   */
  RESET_REQUESTED,
  /** A person used their activation code and chose their password. */
  ACCESS_ACTIVATED,
  /** A person changed their own password; their other sessions and tokens ended. */
  PASSWORD_CHANGED,
  // --- the directory of merchants (coop.sol.web.directory)
  /** A merchant or a coordinator wrote a merchant's public profile. */
  MERCHANT_PROFILE_CHANGED,
  /** A coordinator published the network's directory to everyone, or kept it for members. */
  DIRECTORY_PUBLICATION_CHANGED,
  // --- member cards (coop.sol.web.card; docs/member-card.md)
  CARD_ISSUED,
  CARD_BLOCKED,
  CARD_BLOCKED_WRONG_PINS,
  CARD_UNBLOCKED,
  CARD_REPLACED,
  CARD_PIN_CHANGED,
  CARD_PIN_RESET_ISSUED,
  CARD_PIN_RESET,
  CARD_CAP_CHANGED,
  CARD_CAPS_CHANGED
}
