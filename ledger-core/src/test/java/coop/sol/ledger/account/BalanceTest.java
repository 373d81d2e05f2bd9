package coop.sol.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BalanceTest {
  @Test
  void posted_pending_and_available_follow_the_definitions() {
    var b = new Balance(300, 1_000, 200, 50);
    assertThat(b.posted()).isEqualTo(700);
    assertThat(b.pending()).isEqualTo(-150);
    assertThat(b.available()).isEqualTo(500);
  }

  @Test
  void arithmetic_overflow_is_an_error_not_a_wrong_figure() {
    assertThatThrownBy(() -> new Balance(-1, Long.MAX_VALUE, 0, 0).posted())
        .isInstanceOf(ArithmeticException.class);
  }
}
