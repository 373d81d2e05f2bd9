package coop.sol.merchant.qr;

import java.math.BigDecimal;

/**
 * How a caption writes an amount held in minor units: {@code 1250} with scale 2 and unit "SOL" is
 * "12.50 SOL". A dot, no grouping: the same on every till, whatever its locale.
 *
 * @param scale digits after the decimal point, 0..9 (2 for SOL: 1 minor unit = 0.01)
 * @param unit written after the amount, such as "SOL"
 */
public record AmountFormat(int scale, String unit) {

  public static final AmountFormat SOL = new AmountFormat(2, "SOL");

  public AmountFormat {
    if (scale < 0 || scale > 9) {
      throw new IllegalArgumentException("scale must be 0..9, was " + scale);
    }
    if (unit.isBlank()) {
      throw new IllegalArgumentException("unit is required");
    }
  }

  public String format(long minorUnits) {
    return BigDecimal.valueOf(minorUnits, scale).toPlainString() + " " + unit;
  }
}
