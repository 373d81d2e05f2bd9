package coop.sol.ledger.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import coop.sol.ledger.account.AccountId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The fonte rule's charge (rounding, minimum, never below zero) and its schedule. */
class FonteRuleTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static FonteRule rule(int bp, String idle, long minimum, LocalDate first) {
    return new FonteRule(
        true, BasisPoints.of(bp), Period.parse(idle), first, PARIS, minimum, new AccountId(1));
  }

  @Test
  void two_percent_rounded_down_at_least_one_cent_never_more_than_the_balance() {
    FonteRule violette = rule(200, "P3M", 1, LocalDate.of(2030, 1, 1));
    assertThat(violette.charge(10_000)).isEqualTo(200); // 100.00 -> 2.00
    assertThat(violette.charge(12_345)).isEqualTo(246); // 246.9 -> 2.46
    assertThat(violette.charge(49)).isEqualTo(1); // 0.98 -> 0 -> the minimum
    assertThat(violette.charge(1)).isEqualTo(1); // a single cent goes, to zero, not below
    assertThat(violette.charge(0)).isZero();
    assertThat(violette.charge(-500)).isZero();
    FonteRule bigMinimum = rule(200, "P3M", 500, LocalDate.of(2030, 1, 1));
    assertThat(bigMinimum.charge(300)).isEqualTo(300); // the minimum is capped at the balance
    assertThat(bigMinimum.charge(100_000)).isEqualTo(2_000);
  }

  @Test
  void a_charge_is_between_the_rounded_rate_and_the_balance() {
    qt().withExamples(2_000)
        .forAll(
            longs().between(1, Long.MAX_VALUE / 4),
            integers().between(0, 10_000),
            longs().between(0, 1_000_000))
        .checkAssert(
            (balance, bp, minimum) -> {
              FonteRule r = rule(bp, "P1M", minimum, LocalDate.of(2030, 1, 1));
              long charge = r.charge(balance);
              assertThat(charge).isLessThanOrEqualTo(balance);
              assertThat(charge).isGreaterThanOrEqualTo(Math.min(balance, minimum));
              assertThat(charge).isGreaterThanOrEqualTo(BasisPoints.of(bp).floorOf(balance));
            });
  }

  @Test
  void the_schedule_is_contiguous_periods_from_the_first_start() {
    FonteRule quarterly = rule(200, "P3M", 1, LocalDate.of(2030, 1, 31));
    assertThat(quarterly.period(0))
        .isEqualTo(new FontePeriod(LocalDate.of(2030, 1, 31), LocalDate.of(2030, 4, 30)));
    assertThat(quarterly.period(1))
        .isEqualTo(new FontePeriod(LocalDate.of(2030, 4, 30), LocalDate.of(2030, 7, 31)));
    assertThat(quarterly.isScheduled(quarterly.period(7))).isTrue();
    assertThat(
            quarterly.isScheduled(
                new FontePeriod(LocalDate.of(2030, 2, 1), LocalDate.of(2030, 5, 1))))
        .isFalse();
    assertThat(quarterly.lastPeriodEndedBy(LocalDate.of(2030, 4, 29))).isEmpty();
    assertThat(quarterly.lastPeriodEndedBy(LocalDate.of(2030, 4, 30)))
        .contains(quarterly.period(0));
    assertThat(quarterly.lastPeriodEndedBy(LocalDate.of(2030, 12, 31)))
        .contains(quarterly.period(2));
    assertThat(quarterly.startOf(LocalDate.of(2030, 7, 1)))
        .isEqualTo(Instant.parse("2030-06-30T22:00:00Z")); // midnight in Paris, summer time
    assertThat(rule(200, "P1Y", 1, LocalDate.of(2030, 1, 1)).idle()).isEqualTo(Period.ofMonths(12));
    assertThatThrownBy(() -> rule(200, "P0D", 1, LocalDate.of(2030, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rule(200, "P1M", -1, LocalDate.of(2030, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
