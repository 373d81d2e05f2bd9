package coop.sol.ledger.card;

/** A card's id, the same for all its versions; > 0. */
public record CardId(long value) {
  public CardId {
    if (value <= 0) {
      throw new IllegalArgumentException("a card id is > 0");
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
