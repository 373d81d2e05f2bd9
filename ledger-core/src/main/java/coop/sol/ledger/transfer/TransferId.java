package coop.sol.ledger.transfer;

/** Identifies a journal row (unique across the installation; stored with its network id). */
public record TransferId(long value) {
  public TransferId {
    if (value <= 0) {
      throw new IllegalArgumentException("transfer id must be > 0, got " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
