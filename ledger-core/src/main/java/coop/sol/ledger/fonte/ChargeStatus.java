package coop.sol.ledger.fonte;

/** What a fonte run did, or a preview would do, to one account. */
public enum ChargeStatus {
  /** Preview: would be charged. */
  DUE,
  /** Charged by this call. */
  CHARGED,
  /** Charged for this period by an earlier (or concurrent) run: nothing new posted. */
  ALREADY_CHARGED,
  /** Subject to the fonte, but it holds nothing to charge now (it spent since the period ended). */
  NOTHING_LEFT,
  /** The ledger refused the charge (see the reason); the next run of the period retries it. */
  FAILED
}
