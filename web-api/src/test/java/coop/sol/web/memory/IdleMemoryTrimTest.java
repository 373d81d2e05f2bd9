package coop.sol.web.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleMemoryTrimTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong collections = new AtomicLong(3);
  private final AtomicLong threads = new AtomicLong(50);
  private final AtomicLong now = new AtomicLong(0);
  private final AtomicInteger trims = new AtomicInteger();
  private final IdleMemoryTrim idle =
      new IdleMemoryTrim(
          Duration.ofSeconds(15),
          collections::get,
          threads::get,
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
  void the_end_of_a_bursts_threads_earns_one_more_trim_threads_coming_and_going_none() {
    at(0);
    threads.set(105); // a burst of requests
    collections.addAndGet(40);
    at(10);
    at(25);
    assertThat(trims).as("after the burst, its threads still alive").hasValue(1);
    at(60);
    threads.set(49); // Tomcat's idle threads end a minute after their last request
    at(70);
    assertThat(trims).as("no collection since: idle already").hasValue(2);
    for (int second = 75; second < 600; second += 5) {
      threads.set(threads.get() == 49 ? 50 : 49); // a pool's thread coming and going
      at(second);
    }
    assertThat(trims).as("49 threads is no new low").hasValue(2);
    threads.set(48);
    at(605);
    assertThat(trims).hasValue(3);
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
