package coop.sol.ledger.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60) // a lost wake-up would hang; this turns it into a failure
class CoalescedReadsTest {

  @Test
  void a_read_alone_runs_at_once_on_its_own_thread() {
    List<String> threads = new ArrayList<>();
    var reads =
        new CoalescedReads<Integer, Integer>(
            questions -> {
              threads.add(Thread.currentThread().getName());
              return questions.stream().map(q -> q * 2).toList();
            },
            16,
            2);

    assertThat(reads.read(21)).isEqualTo(42);
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void reads_that_queue_behind_a_running_statement_share_the_next_one() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    var reads =
        new CoalescedReads<Integer, Integer>(
            questions -> {
              batches.add(List.copyOf(questions));
              if (questions.contains(0)) {
                firstStarted.countDown();
                await(releaseFirst);
              }
              return questions.stream().map(q -> q + 100).toList();
            },
            16,
            1);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      Future<Integer> first = pool.submit(() -> reads.read(0));
      await(firstStarted);
      List<Future<Integer>> others = new ArrayList<>();
      for (int q = 1; q <= 5; q++) {
        int question = q;
        others.add(pool.submit(() -> reads.read(question)));
      }
      waitUntilQueued(reads, 5);
      releaseFirst.countDown();

      assertThat(first.get()).isEqualTo(100);
      for (int q = 1; q <= 5; q++) {
        assertThat(others.get(q - 1).get()).isEqualTo(100 + q);
      }
      assertThat(batches).hasSize(2);
      assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_failed_statement_fails_every_read_it_held_and_no_other() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    var reads =
        new CoalescedReads<Integer, Integer>(
            questions -> {
              if (questions.contains(0)) {
                firstStarted.countDown();
                await(releaseFirst);
                return List.of(0);
              }
              throw new IllegalStateException("database gone: " + questions.size());
            },
            16,
            1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> first = pool.submit(() -> reads.read(0));
      await(firstStarted);
      Future<Integer> a = pool.submit(() -> reads.read(1));
      Future<Integer> b = pool.submit(() -> reads.read(2));
      waitUntilQueued(reads, 2);
      releaseFirst.countDown();

      assertThat(first.get()).isZero();
      for (Future<Integer> failed : List.of(a, b)) {
        assertThatThrownBy(failed::get)
            .cause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("database gone: 2");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void under_load_every_read_gets_its_own_answer_within_the_bounds() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostRunning = new AtomicInteger();
    AtomicInteger largest = new AtomicInteger();
    var reads =
        new CoalescedReads<Integer, Integer>(
            questions -> {
              mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              largest.accumulateAndGet(questions.size(), Math::max);
              Thread.onSpinWait();
              running.decrementAndGet();
              return questions.stream().map(q -> -q).toList();
            },
            4,
            2);
    int threads = 16;
    int each = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        wrong.add(
            pool.submit(
                () -> {
                  int mistakes = 0;
                  for (int i = 1; i <= each; i++) {
                    if (reads.read(base + i) != -(base + i)) {
                      mistakes++;
                    }
                  }
                  return mistakes;
                }));
      }
      for (Future<Integer> mistakes : wrong) {
        assertThat(mistakes.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mostRunning.get()).isBetween(1, 2);
    assertThat(largest.get()).isBetween(1, 4);
  }

  @Test
  void bounds_below_one_are_refused() {
    assertThatThrownBy(() -> new CoalescedReads<Integer, Integer>(q -> q, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CoalescedReads<Integer, Integer>(q -> q, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void waitUntilQueued(CoalescedReads<?, ?> reads, int count) {
    while (reads.queuedCount() < count) {
      Thread.onSpinWait();
    }
  }
}
