package coop.sol.ledger.correction;

/** Where a proposed correction stands. Only PROPOSED changes, and only once. */
public enum CorrectionStatus {
  /** Waiting for a second coordinator. */
  PROPOSED,
  /** Approved by a second coordinator and posted. */
  POSTED,
  /** Turned down by a second coordinator; nothing was posted. */
  DECLINED,
  /** Taken back by its author; nothing was posted. */
  WITHDRAWN
}
