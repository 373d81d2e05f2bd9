package coop.sol.ledger.card;

/** What can happen to a card, as the reports count it. */
public enum CardEvent {
  ISSUED,
  BLOCKED,
  UNBLOCKED,
  REPLACED,
  PIN_CHANGED,
  CAP_CHANGED,
  /** A coordinator or exchange office issued a PIN-reset activation for the card. */
  PIN_RESET_ISSUED,
  /** The holder set a new PIN with a PIN-reset activation. */
  PIN_RESET
}
