package coop.sol.ledger.account;

/** Identifies an account (unique across the installation; stored with its network id). */
public record AccountId(long value) {
  public AccountId {
    if (value <= 0) {
      throw new IllegalArgumentException("account id must be > 0, got " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
