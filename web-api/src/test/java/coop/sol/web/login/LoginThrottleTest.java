package coop.sol.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final Ticker ticker = nanos::get;
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginProperties(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(10)), ticker);

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void a_username_is_locked_after_repeated_failures_for_the_lockout_only() {
    assertThat(throttle.failed("alice", "10.0.0.1").any()).isFalse();
    assertThat(throttle.failed("alice", "10.0.0.2").any()).isFalse();
    assertThat(throttle.lockedFor("alice", "10.0.0.3")).isEmpty();

    assertThat(throttle.failed("alice", "10.0.0.3").username()).isTrue();

    assertThat(throttle.lockedFor("alice", "10.0.0.9")).hasValue(Duration.ofMinutes(10));
    assertThat(throttle.lockedFor("bruno", "10.0.0.9")).isEmpty();
    advance(Duration.ofMinutes(9));
    assertThat(throttle.lockedFor("alice", "10.0.0.9")).hasValue(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(1));
    assertThat(throttle.lockedFor("alice", "10.0.0.9")).isEmpty();
    // the count starts again from zero after a lock
    assertThat(throttle.failed("alice", "10.0.0.4").any()).isFalse();
  }

  @Test
  void failures_are_forgotten_after_the_window_and_after_a_success() {
    throttle.failed("alice", "a");
    throttle.failed("alice", "b");
    advance(Duration.ofMinutes(16));
    assertThat(throttle.failed("alice", "c").username()).isFalse();

    throttle.failed("bruno", "a");
    throttle.failed("bruno", "b");
    throttle.succeeded("bruno");
    assertThat(throttle.failed("bruno", "c").username()).isFalse();
    assertThat(throttle.failed("bruno", "d").username()).isFalse();
    assertThat(throttle.failed("bruno", "e").username()).isTrue();
  }

  @Test
  void an_address_is_locked_after_failures_across_usernames_and_a_success_does_not_clear_it() {
    for (int i = 1; i < 5; i++) {
      assertThat(throttle.failed("user" + i, "10.9.9.9").address()).isFalse();
      throttle.succeeded("user" + i);
    }
    assertThat(throttle.failed("user5", "10.9.9.9").address()).isTrue();

    assertThat(throttle.lockedFor("anyone", "10.9.9.9")).isPresent();
    assertThat(throttle.lockedFor("anyone", "10.9.9.8")).isEmpty();
  }

  @Test
  void failures_while_locked_do_not_extend_the_lock() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("alice", "x");
    }
    advance(Duration.ofMinutes(5));
    assertThat(throttle.failed("alice", "x").any()).isFalse();
    assertThat(throttle.lockedFor("alice", "y")).hasValue(Duration.ofMinutes(5));
  }
}
