package coop.sol.web.report;

import coop.sol.ledger.report.CirculationReport;
import coop.sol.ledger.report.CountAmount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report flattened into rows, one figure each, in the order the CSV and the PDF show them.
 * Amounts stay minor units (with their scale) until written.
 *
 * @param key stable machine name of the figure ({@code circulation.atEnd}, {@code byCode.PAYMENT})
 * @param section i18n key of the section
 * @param label the figure's label (an i18n key, or for merchants and codes the text itself)
 * @param translated whether {@code label} is an i18n key
 * @param count rows, or null for a figure that is not a count of movements
 * @param minorUnits the amount, or null for a ratio or a plain number
 * @param scale decimals of {@code minorUnits}
 * @param ratio a ratio (4 decimals), or null
 * @param number a plain number (days, accounts), or null
 * @param unit SOL, EUR, ratio, days or accounts
 */
record ReportRows(
    String key,
    String section,
    String label,
    boolean translated,
    Long count,
    Long minorUnits,
    int scale,
    BigDecimal ratio,
    Long number,
    String unit) {

  static List<ReportRows> of(ReportService.Computed computed) {
    CirculationReport r = computed.report();
    int s = r.header().scale();
    int e = r.header().euroScale();
    var rows = new ArrayList<ReportRows>();
    String c = "report.section.circulation";
    rows.add(amount("circulation.atStart", c, r.circulation().atStart(), s, "SOL"));
    rows.add(amount("circulation.atEnd", c, r.circulation().atEnd(), s, "SOL"));
    rows.add(number("circulation.daysAveraged", c, r.circulation().daysAveraged(), "days"));
    rows.add(
        new ReportRows(
            "circulation.average",
            c,
            "report.figure.circulation.average",
            true,
            null,
            r.circulation().average(),
            s,
            null,
            null,
            "SOL"));
    r.reserve()
        .ifPresent(
            v -> {
              String sec = "report.section.reserve";
              rows.add(amount("reserve.atStart", sec, v.atStart(), e, "EUR"));
              rows.add(amount("reserve.atEnd", sec, v.atEnd(), e, "EUR"));
              rows.add(
                  amount("reserve.exchangeOfficesAtEnd", sec, v.exchangeOfficesAtEnd(), e, "EUR"));
              rows.add(ratio("reserve.coverageAtStart", sec, v.coverageAtStart()));
              rows.add(ratio("reserve.coverageAtEnd", sec, v.coverageAtEnd()));
            });
    String i = "report.section.issued";
    rows.add(figure("issued.bought", i, r.issued().bought(), s));
    rows.add(figure("issued.bonus", i, r.issued().bonus(), s));
    rows.add(figure("issued.rewards", i, r.issued().rewards(), s));
    rows.add(figure("issued.volunteerCredits", i, r.issued().volunteerCredits(), s));
    rows.add(figure("issued.vouchersIssued", i, r.issued().vouchersIssued(), s));
    rows.add(figure("issued.vouchersExpired", i, r.issued().vouchersExpired(), s));
    String rc = "report.section.reconversion";
    rows.add(figure("reconversion.reconverted", rc, r.reconversion().reconverted(), s));
    rows.add(figure("reconversion.fees", rc, r.reconversion().fees(), s));
    rows.add(ratio("reconversion.rate", rc, r.reconversion().rate()));
    rows.add(figure("fonte.charged", "report.section.fonte", r.fonte().charged(), s));
    String p = "report.section.payments";
    var pay = r.payments();
    rows.add(figure("payments.payments", p, pay.payments(), s));
    rows.add(figure("payments.refunds", p, pay.refunds(), s));
    rows.add(ratio("payments.velocity", p, pay.velocity()));
    rows.add(number("payments.activeMembers", p, pay.activeMembers(), "accounts"));
    rows.add(number("payments.activeMerchants", p, pay.activeMerchants(), "accounts"));
    String sp = "report.section.split";
    rows.add(figure("split.memberToMerchant", sp, pay.split().memberToMerchant(), s));
    rows.add(figure("split.merchantToMerchant", sp, pay.split().merchantToMerchant(), s));
    rows.add(figure("split.merchantToEuros", sp, pay.split().merchantToEuros(), s));
    rows.add(figure("split.other", sp, pay.split().other(), s));
    merchants(rows, "payments.topByReceived", "report.section.top", pay.topByReceived(), s);
    merchants(rows, "payments.topByRespent", "report.section.respent", pay.topByRespent(), s);
    rows.add(figure("corrections", "report.section.other", r.corrections(), s));
    for (var code : r.byCode()) {
      rows.add(
          new ReportRows(
              "byCode." + code.code(),
              "report.section.byCode",
              code.code(),
              false,
              code.movements().count(),
              code.movements().amount(),
              s,
              null,
              null,
              "SOL"));
    }
    for (Map.Entry<java.time.LocalDate, Long> d : computed.circulationByDay().entrySet()) {
      rows.add(
          new ReportRows(
              "circulationByDay." + d.getKey(),
              "report.chart.circulation.title",
              d.getKey().toString(),
              false,
              null,
              d.getValue(),
              s,
              null,
              null,
              "SOL"));
    }
    return rows;
  }

  private static void merchants(
      List<ReportRows> rows,
      String key,
      String section,
      List<CirculationReport.MerchantFigure> list,
      int scale) {
    int rank = 0;
    for (var m : list) {
      rank++;
      String name = m.name() == null || m.name().isBlank() ? m.ownerRef() : m.name();
      rows.add(
          new ReportRows(
              key + "." + rank,
              section,
              name + " (#" + m.accountId() + ")",
              false,
              m.amount().count(),
              m.amount().amount(),
              scale,
              null,
              null,
              "SOL"));
    }
  }

  private static ReportRows figure(String key, String section, CountAmount ca, int scale) {
    return new ReportRows(
        key,
        section,
        "report.figure." + key,
        true,
        ca.count(),
        ca.amount(),
        scale,
        null,
        null,
        "SOL");
  }

  private static ReportRows amount(String key, String section, long v, int scale, String unit) {
    return new ReportRows(
        key, section, "report.figure." + key, true, null, v, scale, null, null, unit);
  }

  private static ReportRows ratio(String key, String section, BigDecimal v) {
    return new ReportRows(
        key, section, "report.figure." + key, true, null, null, 0, v, null, "ratio");
  }

  private static ReportRows number(String key, String section, long v, String unit) {
    return new ReportRows(key, section, "report.figure." + key, true, null, null, 0, null, v, unit);
  }

  String label(ReportMessages.Texts t) {
    return translated ? t.get(label) : label;
  }

  /** The value as text: an amount, a ratio, a number, or empty when undefined. */
  String value(boolean decimalComma) {
    if (minorUnits != null) {
      return ReportFormats.amount(minorUnits, scale, decimalComma);
    }
    if (ratio != null) {
      return ReportFormats.decimal(ratio, decimalComma);
    }
    if (number != null) {
      return Long.toString(number);
    }
    return "";
  }
}
