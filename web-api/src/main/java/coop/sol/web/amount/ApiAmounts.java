package coop.sol.web.amount;

import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;

/**
 * Amounts as the API takes them: a JSON string holding a plain decimal ({@code "12.50"}), parsed
 * exactly by the ledger's {@link Decimals} at the strand's scale. Refused with INVALID_AMOUNT: a
 * missing amount, a sign, more decimals than the strand has, anything but ASCII digits and one dot
 * (no exponent, space, grouping, or leading or trailing dot), and amounts beyond {@link
 * #MAX_WHOLE_DIGITS} digits before the dot, which no SOL network will ever hold.
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
    int dot = text.indexOf('.');
    int whole = dot < 0 ? text.length() : dot;
    if (text.startsWith("+") || text.startsWith("-") || whole > MAX_WHOLE_DIGITS) {
      throw invalid(ProblemCode.INVALID_AMOUNT.detail());
    }
    try {
      return Decimals.parse(text, scale);
    } catch (Decimals.InvalidDecimalException e) {
      throw invalid(ProblemCode.INVALID_AMOUNT.detail());
    }
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
