package coop.sol.ledger.money;

import java.util.regex.Pattern;

/**
 * Exact conversion between decimal strings ({@code "12.50"}) and minor units, for a scale of 0 to 6
 * decimals. Parsing is strict: an optional minus sign, digits, and at most {@code scale} decimals
 * after a dot; no exponent, no grouping, no whitespace, no more than 18 digits. Nothing goes
 * through floating point.
 */
public final class Decimals {

  private static final Pattern DECIMAL = Pattern.compile("-?(\\d{1,18})(\\.(\\d{1,6}))?");
  private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private Decimals() {}

  /**
   * Parses a signed decimal string into minor units.
   *
   * @throws InvalidDecimalException when the text is not a plain decimal, has more decimals than
   *     {@code scale}, or does not fit in a {@code long}
   */
  public static long parse(String text, int scale) {
    checkScale(scale);
    if (text == null) {
      throw new InvalidDecimalException("an amount is required");
    }
    var m = DECIMAL.matcher(text);
    if (!m.matches()) {
      throw new InvalidDecimalException("not a decimal number: '" + abbreviate(text) + "'");
    }
    String fraction = m.group(3) == null ? "" : m.group(3);
    if (fraction.length() > scale) {
      throw new InvalidDecimalException(
          "at most " + scale + " decimals allowed: '" + abbreviate(text) + "'");
    }
    try {
      long whole = Math.multiplyExact(Long.parseLong(m.group(1)), POWERS[scale]);
      long part =
          fraction.isEmpty() ? 0 : Long.parseLong(fraction) * POWERS[scale - fraction.length()];
      long value = Math.addExact(whole, part);
      return text.startsWith("-") ? -value : value;
    } catch (ArithmeticException e) {
      throw new InvalidDecimalException("amount too large: '" + abbreviate(text) + "'");
    }
  }

  /** Parses a strictly positive amount. */
  public static Amount parseAmount(String text, int scale) {
    long value = parse(text, scale);
    if (value <= 0) {
      throw new InvalidDecimalException("an amount must be greater than zero: '" + text + "'");
    }
    return new Amount(value);
  }

  /**
   * Formats minor units with exactly {@code scale} decimals: {@code format(1250, 2)} is "12.50".
   */
  public static String format(long minorUnits, int scale) {
    checkScale(scale);
    if (scale == 0) {
      return Long.toString(minorUnits);
    }
    boolean negative = minorUnits < 0;
    // work on the magnitude as an unsigned string so Long.MIN_VALUE formats too
    String digits = negative ? Long.toString(minorUnits).substring(1) : Long.toString(minorUnits);
    if (digits.length() <= scale) {
      digits = "0".repeat(scale - digits.length() + 1) + digits;
    }
    int point = digits.length() - scale;
    return (negative ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point);
  }

  private static void checkScale(int scale) {
    if (scale < 0 || scale >= POWERS.length) {
      throw new IllegalArgumentException("scale must be 0 to 6, got " + scale);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** A decimal string that cannot be an amount; the message is safe to show to a user. */
  public static final class InvalidDecimalException extends IllegalArgumentException {
    public InvalidDecimalException(String message) {
      super(message);
    }
  }
}
