package coop.sol.ledger.money;

/**
 * A transfer amount in minor units of its strand (1 = 0.01 SOL at scale 2). Always strictly
 * positive: a transfer of nothing, or of less than nothing, cannot be expressed.
 */
public record Amount(long minorUnits) implements Comparable<Amount> {

  public Amount {
    if (minorUnits <= 0) {
      throw new IllegalArgumentException("an amount is > 0 minor units, got " + minorUnits);
    }
  }

  public static Amount of(long minorUnits) {
    return new Amount(minorUnits);
  }

  public Amount plus(Amount other) {
    return new Amount(Math.addExact(minorUnits, other.minorUnits));
  }

  @Override
  public int compareTo(Amount other) {
    return Long.compare(minorUnits, other.minorUnits);
  }

  @Override
  public String toString() {
    return Long.toString(minorUnits);
  }
}
