package coop.sol.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import coop.sol.ledger.testing.TestClock;
import coop.sol.ledger.testing.TestDatabase;
import coop.sol.ledger.user.LoginThrottleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle on PostgreSQL: counts are exact under concurrency (an attempt is counted before its
 * check), and two throttles on one database, as two application instances have, count together.
 */
class LoginThrottleIT {
  private static final LoginProperties SETTINGS =
      new LoginProperties(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(10));
  private static HikariDataSource database;
  private final TestClock clock = new TestClock(Instant.parse("2030-01-01T10:00:00Z"));
  private LoginThrottle throttle;
  private LoginThrottle otherInstance;

  @BeforeAll
  static void aDatabase() {
    database = TestDatabase.newDatabase();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @BeforeEach
  void twoInstancesOnIt() {
    TestDatabase.execute(database, "DELETE FROM login_throttle");
    throttle = new LoginThrottle(SETTINGS, new LoginThrottleStore(database), clock);
    otherInstance = new LoginThrottle(SETTINGS, new LoginThrottleStore(database), clock);
  }

  /** An attempt checked and failed, as a login makes it; false if it was refused before. */
  private boolean failedAttempt(LoginThrottle on, String username, String address) {
    if (on.admit(username, address).isPresent()) {
      return false;
    }
    on.failed(username, address);
    return true;
  }

  @Test
  void a_username_is_locked_after_repeated_failures_for_the_lockout_only() {
    assertThat(failedAttempt(throttle, "alice", "10.0.0.1")).isTrue();
    assertThat(failedAttempt(otherInstance, "alice", "10.0.0.2")).isTrue();
    assertThat(throttle.admit("alice", "10.0.0.3")).isEmpty();
    assertThat(throttle.failed("alice", "10.0.0.3").username()).isTrue();

    assertThat(otherInstance.admit("alice", "10.0.0.9")).hasValue(Duration.ofMinutes(10));
    assertThat(throttle.admit("bruno", "10.0.0.9")).isEmpty();
    clock.advance(Duration.ofMinutes(9));
    assertThat(throttle.admit("alice", "10.0.0.9")).hasValue(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    // the lock is over, and the count starts again from zero
    assertThat(throttle.admit("alice", "10.0.0.9")).isEmpty();
    assertThat(throttle.failed("alice", "10.0.0.9").any()).isFalse();
  }

  @Test
  void attempts_are_forgotten_after_the_window_and_after_a_success() {
    failedAttempt(throttle, "alice", "a");
    failedAttempt(throttle, "alice", "b");
    clock.advance(Duration.ofMinutes(16));
    assertThat(throttle.admit("alice", "c")).isEmpty();
    assertThat(throttle.failed("alice", "c").username()).isFalse();

    failedAttempt(throttle, "bruno", "a");
    failedAttempt(throttle, "bruno", "b");
    assertThat(otherInstance.admit("bruno", "b3")).isEmpty();
    otherInstance.succeeded("bruno", "b3");
    assertThat(failedAttempt(throttle, "bruno", "c")).isTrue();
    assertThat(failedAttempt(throttle, "bruno", "d")).isTrue();
    assertThat(throttle.admit("bruno", "e")).isEmpty();
    assertThat(throttle.failed("bruno", "e").username()).isTrue();
  }

  @Test
  void an_address_is_locked_after_failures_across_usernames_and_a_success_does_not_clear_it() {
    for (int i = 1; i < 5; i++) {
      assertThat(throttle.admit("user" + i, "10.9.9.9")).isEmpty();
      assertThat(throttle.failed("user" + i, "10.9.9.9").address()).isFalse();
      assertThat(throttle.admit("user" + i, "10.9.9.9")).isEmpty();
      throttle.succeeded("user" + i, "10.9.9.9");
    }
    assertThat(throttle.admit("user5", "10.9.9.9")).isEmpty();
    assertThat(throttle.failed("user5", "10.9.9.9").address()).isTrue();

    assertThat(otherInstance.admit("anyone", "10.9.9.9")).isPresent();
    assertThat(otherInstance.admit("anyone", "10.9.9.8")).isEmpty();
  }

  @Test
  void successes_and_refusals_for_another_reason_are_not_failures() {
    for (int i = 0; i < 20; i++) {
      assertThat(throttle.admit("carole", "10.2.2.2")).as("login %s", i).isEmpty();
      throttle.succeeded("carole", "10.2.2.2");
      assertThat(otherInstance.admit("denis", "10.2.2.2")).isEmpty();
      otherInstance.released("denis", "10.2.2.2"); // a TOTP code still to give
    }
    assertThat(failedAttempt(throttle, "carole", "10.2.2.2")).isTrue();
    assertThat(throttle.failed("denis", "10.2.2.2").any()).isFalse();
  }

  @Test
  void concurrent_attempts_are_checked_exactly_as_many_times_as_allowed() throws Exception {
    int attempts = 40;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<Duration>>> admissions = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      String address = "192.0.2." + i;
      LoginThrottle instance = i % 2 == 0 ? throttle : otherInstance;
      admissions.add(
          pool.submit(
              () -> {
                start.await();
                return instance.admit("victim", address);
              }));
    }
    start.countDown();
    int admitted = 0;
    for (Future<Optional<Duration>> admission : admissions) {
      admitted += admission.get().isEmpty() ? 1 : 0;
    }
    pool.shutdown();

    assertThat(admitted).isEqualTo(3);
    // the three admitted attempts fail: the last one locks the username
    assertThat(throttle.failed("victim", "192.0.2.200").username()).isTrue();
    assertThat(otherInstance.admit("victim", "192.0.2.201")).hasValue(Duration.ofMinutes(10));
  }

  @Test
  void counts_that_no_longer_matter_are_purged() {
    failedAttempt(throttle, "sprayed-1", "10.1.1.1");
    for (int i = 0; i < 3; i++) {
      failedAttempt(throttle, "locked", "10.1.1." + (2 + i));
    }
    clock.advance(Duration.ofMinutes(9));
    assertThat(throttle.purge()).as("all within the window").isZero();
    assertThat(throttle.admit("locked", "10.1.1.9")).isPresent();
    clock.advance(Duration.ofMinutes(7));
    // two usernames and four addresses, none locked any more, none touched for 15 minutes
    assertThat(throttle.purge()).isEqualTo(6);
    assertThat(throttle.admit("locked", "10.1.1.9")).isEmpty();
  }
}
