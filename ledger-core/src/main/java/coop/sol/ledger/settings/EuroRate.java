package coop.sol.ledger.settings;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How many euros one SOL is worth (1 SOL = {@code eurosPerSol} EUR), exact: 0.10 for the historic
 * SOL, 1 for most local currencies today. At most 6 decimals and 12 integer digits (the database's
 * numeric(18,6)).
 *
 * <p>Conversions work on minor units and round <b>down</b>, computed in one exact integer division
 * (no intermediate rounding): a member paying euros gets the SOL they cover and no more, so the
 * reserve covers what is issued; a merchant reconverting gets the euros their SOL are worth, never
 * more than the reserve received for them. What rounding leaves (less than one minor unit) stays in
 * the reserve. A result that does not fit in a {@code long} throws {@link ArithmeticException}
 * (operations answer it as the ledger's BALANCE_OVERFLOW).
 */
public record EuroRate(BigDecimal eurosPerSol) {

  public EuroRate {
    if (eurosPerSol == null || eurosPerSol.signum() <= 0) {
      throw new IllegalArgumentException("a euro rate is > 0");
    }
    eurosPerSol = eurosPerSol.stripTrailingZeros();
    if (eurosPerSol.scale() < 0) {
      eurosPerSol = eurosPerSol.setScale(0);
    }
    if (eurosPerSol.scale() > 6 || eurosPerSol.precision() - eurosPerSol.scale() > 12) {
      throw new IllegalArgumentException(
          "a euro rate has at most 12 digits before the point and 6 after: " + eurosPerSol);
    }
  }

  /** Parses a plain decimal, e.g. {@code "0.10"}. */
  public static EuroRate of(String eurosPerSol) {
    if (!eurosPerSol.matches("\\d{1,12}(\\.\\d{1,6})?")) {
      throw new IllegalArgumentException("not a euro rate: '" + eurosPerSol + "'");
    }
    return new EuroRate(new BigDecimal(eurosPerSol));
  }

  /**
   * The SOL that {@code euroMinor} euros buy, rounded down: {@code floor(euros / rate)} in SOL
   * minor units.
   */
  public long solFor(long euroMinor, int euroScale, int solScale) {
    return solFor(euroMinor, euroScale, solScale, new BasisPoints(BasisPoints.FULL));
  }

  /**
   * A share of the SOL value of {@code euroMinor} euros, rounded down once: {@code floor(euros /
   * rate × share)} (a merchant's reward on a purchase paid in euros).
   */
  public long solFor(long euroMinor, int euroScale, int solScale, BasisPoints share) {
    // sol_minor = euro_minor × 10^solScale × 10^rateScale × bp / (unscaled × 10^euroScale × 10^4)
    BigInteger numerator =
        BigInteger.valueOf(euroMinor)
            .multiply(BigInteger.TEN.pow(solScale + eurosPerSol.scale()))
            .multiply(BigInteger.valueOf(share.value()));
    BigInteger denominator =
        eurosPerSol
            .unscaledValue()
            .multiply(BigInteger.TEN.pow(euroScale))
            .multiply(BigInteger.valueOf(BasisPoints.FULL));
    return floorDivide(numerator, denominator);
  }

  /** The euros {@code solMinor} SOL are worth, rounded down: {@code floor(sol × rate)}. */
  public long eurosFor(long solMinor, int solScale, int euroScale) {
    BigInteger numerator =
        BigInteger.valueOf(solMinor)
            .multiply(eurosPerSol.unscaledValue())
            .multiply(BigInteger.TEN.pow(euroScale));
    BigInteger denominator = BigInteger.TEN.pow(eurosPerSol.scale() + solScale);
    return floorDivide(numerator, denominator);
  }

  private static long floorDivide(BigInteger numerator, BigInteger denominator) {
    if (numerator.signum() < 0) {
      throw new IllegalArgumentException("conversions are of amounts ≥ 0");
    }
    return numerator.divide(denominator).longValueExact();
  }

  @Override
  public String toString() {
    return eurosPerSol.toPlainString() + " EUR/SOL";
  }
}
