package coop.sol.web.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleMemoryTrimTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong collections = new AtomicLong(3);
  private final AtomicLong now = new AtomicLong(0);
  private final AtomicInteger trims = new AtomicInteger();
  private final IdleMemoryTrim idle =
      new IdleMemoryTrim(
          Duration.ofSeconds(15),
          collections::get,
          now::get,
          () -> {
            trims.incrementAndGet();
            collections.incrementAndGet(); // the trim's own full collection
            return new HeapTrim.Outcome(100, 50, 40, 300, Duration.ofMillis(80));
          });

  private void at(long seconds) {
    now.set(seconds * SECOND);
    idle.check();
  }

  @Test
  void trims_once_when_no_collection_has_run_for_the_idle_time() {
    at(0); // the collections of start-up
    at(5);
    at(10);
    assertThat(trims).hasValue(0);
    at(15);
    assertThat(trims).hasValue(1);
    at(20);
    at(60);
    at(600);
    assertThat(trims).as("an idle server is trimmed once, not every idle time").hasValue(1);
  }

  @Test
  void activity_postpones_the_trim_and_a_new_burst_earns_a_new_one() {
    at(0);
    at(10);
    collections.incrementAndGet(); // a request's allocations
    at(20);
    at(30);
    assertThat(trims).as("15 s have not passed since the last collection").hasValue(0);
    at(35);
    assertThat(trims).hasValue(1);
    collections.addAndGet(40); // a burst of payments
    at(100);
    at(110);
    assertThat(trims).hasValue(1);
    at(115);
    assertThat(trims).hasValue(2);
  }

  @Test
  void reports_what_the_trim_gave_back() {
    now.set(0);
    idle.check();
    now.set(16 * SECOND);
    assertThat(idle.check())
        .hasValueSatisfying(outcome -> assertThat(outcome.heapCommittedAfter()).isEqualTo(50));
    now.set(32 * SECOND);
    assertThat(idle.check()).isEmpty();
  }
}
