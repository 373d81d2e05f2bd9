package coop.sol.web.reliability.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenLoopLoadTest {

  @Test
  void requestsAreDueAtEvenIntervalsFromTheStartWithoutDrift() {
    assertThat(OpenLoopLoad.intendedNanos(1_000, 0, 3_000)).isEqualTo(1_000);
    assertThat(OpenLoopLoad.intendedNanos(1_000, 1, 3_000)).isEqualTo(1_000 + 333_333);
    // a period of 333,333.3 ns rounded once per request would be 1 ms late after 3 million
    assertThat(OpenLoopLoad.intendedNanos(0, 3_000_000, 3_000)).isEqualTo(1_000_000_000_000L);
  }

  @Test
  void theNthRequestOfASecondIsTheLastOneDueBeforeItsEnd() {
    long second = 1_000_000_000L;
    assertThat(OpenLoopLoad.intendedNanos(0, 249, 250)).isLessThan(second);
    assertThat(OpenLoopLoad.intendedNanos(0, 250, 250)).isEqualTo(second);
  }
}
