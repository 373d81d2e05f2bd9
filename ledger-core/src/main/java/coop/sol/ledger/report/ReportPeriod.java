package coop.sol.ledger.report;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The calendar days a report covers: {@code [from, to)}, whole days of the network's report time
 * zone (see {@link Aggregator#timeZone}). A row belongs to the day of its {@code created_at} in
 * that zone.
 *
 * @param from first day, inclusive
 * @param to first day after the period, exclusive; after {@code from}
 */
public record ReportPeriod(Granularity granularity, LocalDate from, LocalDate to) {

  /** How the period was asked for; it changes no figure, only how the period is named. */
  public enum Granularity {
    DAY,
    MONTH,
    YEAR,
    CUSTOM
  }

  public ReportPeriod {
    Objects.requireNonNull(granularity, "granularity");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a period ends after it starts: " + from + " to " + to);
    }
  }

  public static ReportPeriod day(LocalDate day) {
    return new ReportPeriod(Granularity.DAY, day, day.plusDays(1));
  }

  public static ReportPeriod month(YearMonth month) {
    return new ReportPeriod(Granularity.MONTH, month.atDay(1), month.plusMonths(1).atDay(1));
  }

  public static ReportPeriod year(Year year) {
    return new ReportPeriod(Granularity.YEAR, year.atDay(1), year.plusYears(1).atDay(1));
  }

  /** Days {@code [from, to)}. */
  public static ReportPeriod custom(LocalDate from, LocalDate to) {
    return new ReportPeriod(Granularity.CUSTOM, from, to);
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && day.isBefore(to);
  }

  @Override
  public String toString() {
    return granularity + " [" + from + ", " + to + ")";
  }
}
