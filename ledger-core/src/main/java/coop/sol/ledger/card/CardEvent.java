package coop.sol.ledger.card;

/** What can happen to a card, as the reports count it. */
public enum CardEvent {
  ISSUED,
  BLOCKED,
  UNBLOCKED,
  REPLACED,
  PIN_CHANGED,
  CAP_CHANGED
}
