package coop.sol.web.input;

import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Dates, instants and periods as the HTTP edge takes them, from a query parameter, a form field or
 * a JSON body: ISO 8601 text ({@code 2026-03-14}, {@code 2026-03}, {@code 2026}, {@code
 * 2026-03-14T08:30:00Z}), on days from {@link #FIRST_DAY} to {@link #LAST_DAY}. Anything else is
 * refused with INVALID_PERIOD, naming the parameter: a date the journal cannot hold (years beyond
 * what PostgreSQL's timestamps or the reports' calendars handle) is the client's mistake, never a
 * 500.
 */
public final class Dates {
  /** The first day the installation takes: 1 January 1900. */
  public static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);

  /** The last day the installation takes: 31 December 9999. */
  public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();

  /** Exclusive: the first instant after {@link #LAST_DAY}, UTC. */
  private static final Instant END_INSTANT =
      LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

  private Dates() {}

  /** A day, {@code 2026-03-14}. */
  public static LocalDate day(String name, String text) {
    try {
      return supported(name, LocalDate.parse(text.strip()));
    } catch (DateTimeException | NullPointerException e) {
      throw invalid(name, "une date AAAA-MM-JJ" + range());
    }
  }

  /** A month, {@code 2026-03}. */
  public static YearMonth month(String name, String text) {
    try {
      YearMonth month = YearMonth.parse(text.strip());
      supported(name, month.atDay(1));
      return month;
    } catch (DateTimeException | NullPointerException e) {
      throw invalid(name, "un mois AAAA-MM" + range());
    }
  }

  /** A year, {@code 2026}. */
  public static Year year(String name, String text) {
    try {
      Year year = Year.parse(text.strip());
      supported(name, year.atDay(1));
      return year;
    } catch (DateTimeException | NullPointerException e) {
      throw invalid(name, "une année AAAA" + range());
    }
  }

  /** An instant, {@code 2026-03-14T08:30:00Z}. */
  public static Instant instant(String name, String text) {
    Instant instant;
    try {
      instant = Instant.parse(text.strip());
    } catch (DateTimeException | NullPointerException e) {
      throw invalid(name, "un instant ISO 8601, par exemple 2026-01-01T00:00:00Z" + range());
    }
    return supported(name, instant);
  }

  /**
   * A period of days written {@code start..end}, {@code end} excluded: {@code
   * 2026-01-01..2026-04-01}.
   */
  public static Days days(String name, String text) {
    String[] bounds = text == null ? new String[0] : text.split("\\.\\.", -1);
    if (bounds.length != 2) {
      throw invalid(
          name, "« début..fin », deux dates AAAA-MM-JJ, par exemple 2026-01-01..2026-04-01");
    }
    return days(name, day(name, bounds[0]), day(name, bounds[1]));
  }

  /** The period {@code [start, end)}: {@code end} after {@code start}. */
  public static Days days(String name, LocalDate start, LocalDate end) {
    if (!end.isAfter(start)) {
      throw invalid(name, "la fin (exclue) doit suivre le début");
    }
    return new Days(start, end);
  }

  /** {@code day} itself, if it lies within the days the installation takes. */
  public static LocalDate supported(String name, LocalDate day) {
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      throw invalid(name, "une date" + range());
    }
    return day;
  }

  /** {@code instant} itself, if it lies within the days the installation takes (UTC). */
  public static Instant supported(String name, Instant instant) {
    if (instant.isBefore(FIRST_INSTANT) || !instant.isBefore(END_INSTANT)) {
      throw invalid(name, "un instant" + range());
    }
    return instant;
  }

  /**
   * Days from {@code start} to {@code end}, excluded.
   *
   * @param start within the supported days
   * @param end after {@code start}; at most the day after {@link #LAST_DAY}
   */
  public record Days(LocalDate start, LocalDate end) {}

  private static String range() {
    return ", du " + FIRST_DAY + " au " + LAST_DAY;
  }

  private static ApiProblemException invalid(String name, String what) {
    return new ApiProblemException(ProblemCode.INVALID_PERIOD, name + " : " + what + ".", name);
  }
}
