package coop.sol.ledger.settings;

import coop.sol.ledger.money.Decimals;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A percentage as an exact integer: 1 basis point = 0.01 %, 10,000 = 100 %. Used for the purchase
 * bonus, the reconversion fee, merchants' rewards and the fonte rate.
 *
 * @param value 0 to 10,000
 */
public record BasisPoints(int value) {
  public static final int FULL = 10_000;
  public static final BasisPoints ZERO = new BasisPoints(0);
  private static final BigInteger FULL_BIG = BigInteger.valueOf(FULL);

  public BasisPoints {
    if (value < 0 || value > FULL) {
      throw new IllegalArgumentException("basis points are 0 to 10000, got " + value);
    }
  }

  public static BasisPoints of(int value) {
    return new BasisPoints(value);
  }

  /** Parses a percentage with at most two decimals: {@code "5"} is 500, {@code "2.5"} is 250. */
  public static BasisPoints ofPercent(String percent) {
    long bp = Decimals.parse(percent, 2);
    if (bp < 0 || bp > FULL) {
      throw new Decimals.InvalidDecimalException("a percentage is 0 to 100: '" + percent + "'");
    }
    return new BasisPoints((int) bp);
  }

  public boolean isZero() {
    return value == 0;
  }

  /** This share of {@code minorUnits} (≥ 0), rounded down to a minor unit. */
  public long floorOf(long minorUnits) {
    return share(minorUnits, RoundingMode.FLOOR);
  }

  /** This share of {@code minorUnits} (≥ 0), rounded up to a minor unit. */
  public long ceilOf(long minorUnits) {
    return share(minorUnits, RoundingMode.CEILING);
  }

  private long share(long minorUnits, RoundingMode rounding) {
    if (minorUnits < 0) {
      throw new IllegalArgumentException("a share of a negative amount: " + minorUnits);
    }
    BigInteger[] qr =
        BigInteger.valueOf(minorUnits)
            .multiply(BigInteger.valueOf(value))
            .divideAndRemainder(FULL_BIG);
    long q = qr[0].longValueExact(); // ≤ minorUnits: value ≤ FULL
    return rounding == RoundingMode.CEILING && qr[1].signum() > 0 ? q + 1 : q;
  }

  @Override
  public String toString() {
    return Decimals.format(value, 2) + " %";
  }
}
