package coop.sol.web.page;

import coop.sol.ledger.money.Decimals;
import java.util.Locale;

/**
 * Amounts as the pages write them: the ledger's decimal text ({@code 12.50}) with the user's
 * language's decimal separator ({@code 12,50} in French). Typed amounts are parsed by {@code
 * ApiAmounts}, which takes either.
 */
public final class Amounts {
  private Amounts() {}

  /** Minor units at the strand's scale, for the user's language. */
  public static String format(long minorUnits, int scale, Locale locale) {
    return localized(Decimals.format(minorUnits, scale), locale);
  }

  /** A decimal text of the API ("12.50") for the user's language. */
  public static String localized(String decimal, Locale locale) {
    return "fr".equals(locale.getLanguage()) ? decimal.replace('.', ',') : decimal;
  }

  /** Basis points as a percentage: 200 → "2 %" (French), "2%" (English). */
  static String percent(int basisPoints, Locale locale) {
    String number = localized(Decimals.format(basisPoints, 2), locale);
    String trimmed = number.replaceAll("[.,]00$", "");
    return "fr".equals(locale.getLanguage()) ? trimmed + " %" : trimmed + "%";
  }

  /**
   * An amount with the thousands separators of the user's language: "12 345,50" in French (a narrow
   * no-break space), "12,345.50" in English. For reading, not for a form's field.
   */
  public static String grouped(long minorUnits, int scale, Locale locale) {
    java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(locale);
    format.setGroupingUsed(true);
    format.setMinimumFractionDigits(scale);
    format.setMaximumFractionDigits(scale);
    return format.format(java.math.BigDecimal.valueOf(minorUnits, scale));
  }
}
