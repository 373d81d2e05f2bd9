package coop.sol.ledger.network;

/** Identifies a network; every ledger row carries it in its key. */
public record NetworkId(long value) {
  public NetworkId {
    if (value <= 0) {
      throw new IllegalArgumentException("network id must be > 0, got " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
