package coop.sol.ledger.user;

/** Where a person is in their life cycle, as coordinators search for it. */
public enum PersonStatus {
  /** Created, with an activation code not yet used: no password, cannot log in. */
  PENDING,
  /** Has a password of their own choosing. */
  ACTIVE,
  /** Turned off (enabled = false): cannot log in. */
  DISABLED
}
