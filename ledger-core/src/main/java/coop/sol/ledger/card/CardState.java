package coop.sol.ledger.card;

/** A card version's state. */
public enum CardState {
  /** The current version, which pays (with its PIN). */
  ACTIVE,
  /** The current version, refused until its holder or a coordinator unblocks it. */
  BLOCKED,
  /** An older version: refused for ever, since a newer version was issued. */
  REPLACED
}
