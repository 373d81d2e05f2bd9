package coop.sol.ledger.report;

/**
 * How many journal rows, and their total amount in minor units of the report's strand.
 *
 * @param count rows, >= 0
 * @param amount minor units, >= 0
 */
public record CountAmount(long count, long amount) {
  public static final CountAmount ZERO = new CountAmount(0, 0);

  public CountAmount {
    if (count < 0 || amount < 0) {
      throw new IllegalArgumentException("count and amount are >= 0");
    }
  }

  public CountAmount plus(long rows, long minorUnits) {
    return new CountAmount(Math.addExact(count, rows), Math.addExact(amount, minorUnits));
  }

  public CountAmount plus(CountAmount other) {
    return plus(other.count, other.amount);
  }
}
