package coop.sol.web.amount;

import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;

/**
 * Amounts as the API takes them: a JSON string holding a plain decimal ({@code "12.50"}), parsed
 * exactly by the ledger's {@link Decimals} at the strand's scale. Refused with INVALID_AMOUNT: a
 * missing amount, a sign, more decimals than the strand has, anything but ASCII digits and one dot
 * (no exponent, space, grouping, leading zero, or leading or trailing dot), and amounts beyond
 * {@link #MAX_WHOLE_DIGITS} digits before the dot, which no SOL network will ever hold.
 */
public final class ApiAmounts {
  /** At most 999,999,999,999 whole units: absurdly large amounts are typing mistakes or attacks. */
  public static final int MAX_WHOLE_DIGITS = 12;

  private ApiAmounts() {}

  /** A transfer amount: strictly positive. */
  public static Amount parse(String text, int scale) {
    long minorUnits = parseNonNegative(text, scale);
    if (minorUnits == 0) {
      throw invalid("Le montant doit être supérieur à zéro.");
    }
    return Amount.of(minorUnits);
  }

  /** A limit or threshold in minor units: zero allowed. */
  public static long parseNonNegative(String text, int scale) {
    if (text == null) {
      throw invalid("Le montant est obligatoire.");
    }
    if (!isCanonical(text)) {
      throw invalid(ProblemCode.INVALID_AMOUNT.detail());
    }
    try {
      return Decimals.parse(text, scale);
    } catch (Decimals.InvalidDecimalException e) {
      throw invalid(ProblemCode.INVALID_AMOUNT.detail());
    }
  }

  /**
   * Whether {@code text} is written the one way the API takes: ASCII digits, no leading zero (but
   * {@code 0.50}), at most {@link #MAX_WHOLE_DIGITS} of them, then optionally a dot and at least
   * one digit. So {@code "01.50"}, {@code "+1"}, {@code "1."}, {@code ".5"}, {@code " 1"}, {@code
   * "1e2"} and {@code "١"} are refused: one amount, one spelling (and one idempotent request). The
   * strand's scale is checked by {@link Decimals#parse}.
   */
  static boolean isCanonical(String text) {
    int dot = text.indexOf('.');
    int whole = dot < 0 ? text.length() : dot;
    if (whole < 1 || whole > MAX_WHOLE_DIGITS || (whole > 1 && text.charAt(0) == '0')) {
      return false;
    }
    if (dot >= 0 && dot == text.length() - 1) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && i != dot) {
        return false;
      }
    }
    return true;
  }

  /**
   * An amount as a person types it in a page's form, in the API's form: surrounding spaces dropped,
   * and a decimal comma ({@code 12,50}, as French writes it) read as the dot. Anything else is left
   * as typed, for {@link #parse} to accept or refuse; null stays null.
   */
  public static String typed(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.strip();
    if (trimmed.indexOf('.') < 0 && trimmed.indexOf(',') == trimmed.lastIndexOf(',')) {
      return trimmed.replace(',', '.');
    }
    return trimmed;
  }

  private static ApiProblemException invalid(String detail) {
    return new ApiProblemException(ProblemCode.INVALID_AMOUNT, detail);
  }
}
