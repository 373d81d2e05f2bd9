package coop.sol.ledger.card;

/** Why a card is blocked. */
public enum BlockReason {
  /** Its holder asked (lost, stolen, or just to be safe). */
  BY_HOLDER,
  /** A coordinator or an exchange office blocked it. */
  BY_STAFF,
  /** Three wrong PINs were typed in a row, at whatever tills. */
  WRONG_PINS
}
