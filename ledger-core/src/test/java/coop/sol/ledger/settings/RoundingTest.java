package coop.sol.ledger.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** The exact arithmetic every operation rounds with: basis points and the euro rate. */
class RoundingTest {

  @Test
  void basis_points_round_down_or_up_to_the_minor_unit() {
    BasisPoints fivePercent = BasisPoints.ofPercent("5");
    assertThat(fivePercent.value()).isEqualTo(500);
    assertThat(fivePercent.floorOf(10_000)).isEqualTo(500);
    assertThat(fivePercent.floorOf(19)).isZero(); // 0.95 -> 0
    assertThat(fivePercent.ceilOf(19)).isEqualTo(1);
    assertThat(fivePercent.ceilOf(20)).isEqualTo(1); // exact: no rounding up
    assertThat(fivePercent.ceilOf(0)).isZero();
    assertThat(BasisPoints.ofPercent("2.5").value()).isEqualTo(250);
    assertThat(BasisPoints.ofPercent("100").floorOf(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(BasisPoints.ofPercent("0.01").ceilOf(Long.MAX_VALUE))
        .isEqualTo(Long.MAX_VALUE / 10_000 + 1);
    assertThatThrownBy(() -> BasisPoints.ofPercent("100.01"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BasisPoints.ofPercent("0.001"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BasisPoints.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void floor_and_ceiling_bracket_the_exact_share_within_one_minor_unit() {
    qt().withExamples(2_000)
        .forAll(longs().between(0, Long.MAX_VALUE / 2), integers().between(0, 10_000))
        .checkAssert(
            (amount, bp) -> {
              var rate = BasisPoints.of(bp);
              BigDecimal exact =
                  BigDecimal.valueOf(amount)
                      .multiply(BigDecimal.valueOf(bp))
                      .divide(BigDecimal.valueOf(10_000));
              assertThat(rate.floorOf(amount))
                  .isEqualTo(exact.setScale(0, RoundingMode.FLOOR).longValueExact());
              assertThat(rate.ceilOf(amount))
                  .isEqualTo(exact.setScale(0, RoundingMode.CEILING).longValueExact());
              assertThat(rate.floorOf(amount)).isBetween(0L, amount);
            });
  }

  @Test
  void the_euro_rate_is_exact_and_converts_rounding_down() {
    EuroRate historic = EuroRate.of("0.10");
    assertThat(historic).isEqualTo(new EuroRate(new BigDecimal("0.1000")));
    assertThat(historic.solFor(100, 2, 2)).isEqualTo(1_000); // 1 EUR = 10 SOL
    assertThat(historic.eurosFor(1_000, 2, 2)).isEqualTo(100);
    assertThat(historic.eurosFor(5, 2, 2)).isZero(); // 0.05 SOL = 0.005 EUR -> 0.00
    EuroRate third = EuroRate.of("0.30");
    assertThat(third.solFor(100, 2, 2)).isEqualTo(333);
    assertThat(third.solFor(100, 2, 2, BasisPoints.ofPercent("5"))).isEqualTo(16); // 0.1666
    assertThat(EuroRate.of("1").solFor(6_000, 2, 2)).isEqualTo(6_000);
    assertThat(EuroRate.of("1").solFor(1, 2, 0)).isZero(); // a cent buys no whole SOL at scale 0
    assertThatThrownBy(() -> EuroRate.of("0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EuroRate.of("0.0000001")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EuroRate.of("1e3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EuroRate.of("0.000001").solFor(Long.MAX_VALUE, 2, 6))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void converting_euros_to_sol_and_back_never_gives_more_euros() {
    qt().withExamples(2_000)
        .forAll(
            longs().between(1, 1_000_000_000L), // up to 10 million euros
            integers().between(1_000, 1_000_000_000), // 0.001 to 1000 EUR per SOL
            integers().between(0, 6))
        .checkAssert(
            (euros, rateMicros, solScale) -> {
              var rate = new EuroRate(BigDecimal.valueOf(rateMicros, 6));
              long sol = rate.solFor(euros, 2, solScale);
              assertThat(rate.eurosFor(sol, solScale, 2)).isLessThanOrEqualTo(euros);
              // and one more minor unit of SOL would cost more than was paid
              BigDecimal nextCost =
                  BigDecimal.valueOf(sol + 1, solScale).multiply(rate.eurosPerSol());
              assertThat(nextCost).isGreaterThan(BigDecimal.valueOf(euros, 2));
            });
  }
}
