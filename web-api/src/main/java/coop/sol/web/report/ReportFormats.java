package coop.sol.web.report;

import coop.sol.ledger.money.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How the CSV, PDF and page write figures for people: French decimal comma, per cent. */
final class ReportFormats {
  private ReportFormats() {}

  /** Minor units as a decimal ("1234.50"), with a comma in French ("1234,50"). */
  static String amount(long minorUnits, int scale, boolean decimalComma) {
    String text = Decimals.format(minorUnits, scale);
    return decimalComma ? text.replace('.', ',') : text;
  }

  static String decimal(BigDecimal value, boolean decimalComma) {
    if (value == null) {
      return "";
    }
    String text = value.toPlainString();
    return decimalComma ? text.replace('.', ',') : text;
  }

  /** A ratio (0.8750) as a percentage with one decimal ("87,5 %" / "87.5%"). */
  static String percent(BigDecimal ratio, Locale locale) {
    BigDecimal p = ratio.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN);
    return locale.getLanguage().equals("en")
        ? p.toPlainString() + "%"
        : p.toPlainString().replace('.', ',') + "\u00a0%";
  }
}
