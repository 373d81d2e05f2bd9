package coop.sol.web.report;

import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.ReportPeriod;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The query parameters every form of the circulation report takes (JSON, CSV, PDF, charts):
 *
 * <ul>
 *   <li>{@code strand}: COOPERATION (default), ENGAGEMENT or AFFECTE;
 *   <li>{@code period}: {@code day}, {@code month} (default), {@code year} or {@code custom};
 *   <li>{@code date}: the day ({@code 2026-03-14}), month ({@code 2026-03}) or year ({@code 2026})
 *       reported; a full date also names its month or year. Default: today in the network's report
 *       time zone;
 *   <li>{@code from}, {@code to}: the days of a custom period, {@code to} excluded, at most {@value
 *       #MAX_DAYS} days;
 *   <li>{@code lang}: {@code fr} (default) or {@code en}, else the Accept-Language header.
 * </ul>
 */
record ReportQuery(StrandKind strand, ReportPeriod period, Locale locale) {
  static final int MAX_DAYS = 3_700;
  static final Locale FRENCH = Locale.FRENCH;
  static final Locale ENGLISH = Locale.ENGLISH;

  static ReportQuery parse(
      String strand,
      String period,
      String date,
      String from,
      String to,
      String lang,
      String acceptLanguage,
      ZoneId zone) {
    return new ReportQuery(
        strand(strand), period(period, date, from, to, zone), locale(lang, acceptLanguage));
  }

  static StrandKind strand(String text) {
    if (text == null || text.isBlank()) {
      return StrandKind.COOPERATION;
    }
    try {
      StrandKind strand = StrandKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
      if (strand != StrandKind.EURO) {
        return strand;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw invalid("strand : COOPERATION, ENGAGEMENT ou AFFECTE.");
  }

  static ReportPeriod period(String period, String date, String from, String to, ZoneId zone) {
    String kind =
        period == null || period.isBlank() ? "month" : period.trim().toLowerCase(Locale.ROOT);
    LocalDate today = LocalDate.now(zone);
    try {
      switch (kind) {
        case "day":
          return ReportPeriod.day(
              date == null || date.isBlank() ? today : LocalDate.parse(date.trim()));
        case "month":
          return ReportPeriod.month(month(date, today));
        case "year":
          return ReportPeriod.year(year(date, today));
        case "custom":
          if (from == null || to == null) {
            throw invalid(
                "from, to : les jours de la période (to exclu), ex. from=2026-01-01&to=2026-04-01.");
          }
          LocalDate start = LocalDate.parse(from.trim());
          LocalDate end = LocalDate.parse(to.trim());
          if (!start.isBefore(end)) {
            throw invalid("to : après from (to est exclu).");
          }
          if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw invalid("from, to : au plus " + MAX_DAYS + " jours.");
          }
          return ReportPeriod.custom(start, end);
        default:
          throw invalid("period : day, month, year ou custom.");
      }
    } catch (DateTimeException e) {
      throw invalid("date, from, to : dates AAAA-MM-JJ (date : aussi AAAA-MM ou AAAA).");
    }
  }

  private static YearMonth month(String date, LocalDate today) {
    if (date == null || date.isBlank()) {
      return YearMonth.from(today);
    }
    String d = date.trim();
    return d.length() == 7 ? YearMonth.parse(d) : YearMonth.from(LocalDate.parse(d));
  }

  private static Year year(String date, LocalDate today) {
    if (date == null || date.isBlank()) {
      return Year.from(today);
    }
    String d = date.trim();
    if (d.length() == 4) {
      return Year.parse(d);
    }
    return d.length() == 7 ? Year.from(YearMonth.parse(d)) : Year.from(LocalDate.parse(d));
  }

  /** French unless {@code lang} (or else the Accept-Language header's first choice) is English. */
  static Locale locale(String lang, String acceptLanguage) {
    if (lang != null && !lang.isBlank()) {
      String l = lang.trim().toLowerCase(Locale.ROOT);
      if (l.startsWith("en")) {
        return ENGLISH;
      }
      if (l.startsWith("fr")) {
        return FRENCH;
      }
      throw invalid("lang : fr ou en.");
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank()) {
      try {
        var ranges = Locale.LanguageRange.parse(acceptLanguage);
        for (var range : ranges) {
          String r = range.getRange().toLowerCase(Locale.ROOT);
          if (r.startsWith("fr")) {
            return FRENCH;
          }
          if (r.startsWith("en")) {
            return ENGLISH;
          }
        }
      } catch (IllegalArgumentException e) {
        return FRENCH;
      }
    }
    return FRENCH;
  }

  static ApiProblemException invalid(String detail) {
    return new ApiProblemException(ProblemCode.INVALID_PARAMETER, detail);
  }
}
