package coop.sol.ledger.settings;

import coop.sol.ledger.account.AccountId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The fonte (demurrage) rule of one strand: money that sleeps melts. For each period of its
 * schedule, every account of the strand with a strictly positive balance at the end of the period
 * and no outgoing payment during it loses {@code rate} of that balance, credited to the {@code
 * fund}.
 *
 * <p>The schedule: the k-th period (k = 0, 1, ...) runs from {@code firstPeriodStart + k × idle} to
 * {@code firstPeriodStart + (k+1) × idle}, calendar dates in {@code zone} (each computed from the
 * first start, so month ends do not drift). SOL-Violette's rule is 2 % per 3 months idle, at least
 * 0.01: {@code rate} 200 bp, {@code idle} P3M, {@code minimum} 1.
 *
 * <p>Rounding ({@link #charge}): the rate's share of the balance rounded <b>down</b> to a minor
 * unit, raised to {@code minimum}, then capped at the balance, so a charge never takes a balance
 * below zero.
 *
 * @param enabled false suspends the fonte of the strand (no run, scheduled or manual)
 * @param idle the length of a period, in months and days (years count as 12 months)
 * @param minimum the smallest charge in minor units, ≥ 0
 * @param fund the account of the same strand the fonte is credited to
 */
public record FonteRule(
    boolean enabled,
    BasisPoints rate,
    Period idle,
    LocalDate firstPeriodStart,
    ZoneId zone,
    long minimum,
    AccountId fund) {

  /** How far a schedule is followed (about 2,700 years of daily periods). */
  private static final int MAX_PERIODS = 1_000_000;

  public FonteRule {
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(firstPeriodStart, "firstPeriodStart");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(fund, "fund");
    idle = Period.ofMonths(Math.toIntExact(idle.toTotalMonths())).plusDays(idle.getDays());
    if (idle.isNegative() || idle.isZero() || idle.getMonths() < 0 || idle.getDays() < 0) {
      throw new IllegalArgumentException("an idle period is positive months and days: " + idle);
    }
    if (idle.getMonths() > 120 || idle.getDays() > 3660) {
      throw new IllegalArgumentException("an idle period is at most 120 months and 3660 days");
    }
    if (minimum < 0) {
      throw new IllegalArgumentException("a minimum charge is ≥ 0");
    }
  }

  /**
   * What the fonte takes from a balance of {@code balance} minor units: 0 if it is not strictly
   * positive, else {@code min(balance, max(minimum, floor(balance × rate)))}.
   */
  public long charge(long balance) {
    if (balance <= 0) {
      return 0;
    }
    return Math.min(balance, Math.max(minimum, rate.floorOf(balance)));
  }

  /** The k-th period of the schedule (k ≥ 0). */
  public FontePeriod period(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("periods are numbered from 0");
    }
    return new FontePeriod(
        firstPeriodStart.plus(idle.multipliedBy(k)),
        firstPeriodStart.plus(idle.multipliedBy(k + 1)));
  }

  /** The latest period of the schedule that ended on or before {@code today} (its end ≤ today). */
  public Optional<FontePeriod> lastPeriodEndedBy(LocalDate today) {
    FontePeriod last = null;
    for (int k = 0; k < MAX_PERIODS; k++) {
      FontePeriod p = period(k);
      if (p.end().isAfter(today)) {
        break;
      }
      last = p;
    }
    return Optional.ofNullable(last);
  }

  /** Whether {@code period} is one of the periods of the schedule. */
  public boolean isScheduled(FontePeriod period) {
    for (int k = 0; k < MAX_PERIODS; k++) {
      FontePeriod p = period(k);
      if (p.equals(period)) {
        return true;
      }
      if (p.start().isAfter(period.start())) {
        return false;
      }
    }
    return false;
  }

  /** The instant a day starts in the rule's zone (period bounds as instants). */
  public Instant startOf(LocalDate day) {
    return day.atStartOfDay(zone).toInstant();
  }
}
