package coop.sol.web.report;

import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.report.ReportPeriod;
import coop.sol.web.input.Dates;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
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
      Clock networkClock) {
    return new ReportQuery(
        strand(strand), period(period, date, from, to, networkClock), locale(lang, acceptLanguage));
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

  /**
   * @param networkClock the application's clock in the network's time zone: what "today" is
   */
  static ReportPeriod period(
      String period, String date, String from, String to, Clock networkClock) {
    String kind =
        period == null || period.isBlank() ? "month" : period.trim().toLowerCase(Locale.ROOT);
    LocalDate today = LocalDate.now(networkClock);
    switch (kind) {
      case "day":
        return ReportPeriod.day(isBlank(date) ? today : Dates.day("date", date));
      case "month":
        return ReportPeriod.month(month(date, today));
      case "year":
        return ReportPeriod.year(year(date, today));
      case "custom":
        if (from == null || to == null) {
          throw invalid(
              "from, to : les jours de la période (to exclu), ex. from=2026-01-01&to=2026-04-01.");
        }
        Dates.Days days = Dates.days("to", Dates.day("from", from), Dates.day("to", to));
        if (ChronoUnit.DAYS.between(days.start(), days.end()) > MAX_DAYS) {
          throw new ApiProblemException(
              ProblemCode.INVALID_PERIOD, "from, to : au plus " + MAX_DAYS + " jours.", "to");
        }
        return ReportPeriod.custom(days.start(), days.end());
      default:
        throw invalid("period : day, month, year ou custom.");
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /** A month ({@code 2026-03}), or the month of a day. */
  private static YearMonth month(String date, LocalDate today) {
    if (isBlank(date)) {
      return YearMonth.from(today);
    }
    return date.strip().length() == 7
        ? Dates.month("date", date)
        : YearMonth.from(Dates.day("date", date));
  }

  /** A year ({@code 2026}), or the year of a month or a day. */
  private static Year year(String date, LocalDate today) {
    if (isBlank(date)) {
      return Year.from(today);
    }
    return switch (date.strip().length()) {
      case 4 -> Dates.year("date", date);
      case 7 -> Year.from(Dates.month("date", date));
      default -> Year.from(Dates.day("date", date));
    };
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
