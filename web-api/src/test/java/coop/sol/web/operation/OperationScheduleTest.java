package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.web.schedule.ScheduledRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.support.CronExpression;

/**
 * The schedule's settings as the application reads them: on by default, each job called on its
 * interval, the fonte's cron and zone accepted, and nothing scheduled with {@code
 * sol.jobs.enabled=false}. The jobs are counted, not run (no database here).
 */
class OperationScheduleTest {
  private final CountingJobs jobs = new CountingJobs();
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          // "5s" as a Duration, as in the application
          .withInitializer(
              context ->
                  context
                      .getBeanFactory()
                      .setConversionService(ApplicationConversionService.getSharedInstance()))
          .withBean(OperationJobs.class, () -> jobs)
          .withBean(ScheduledRuns.class, EveryPeriodHere::new)
          .withUserConfiguration(OperationSchedule.class);

  @Test
  void the_jobs_run_on_their_intervals_by_default() {
    runner
        .withPropertyValues(
            "sol.jobs.pending-expiry-interval=20ms",
            "sol.jobs.voucher-expiry-interval=30ms",
            "sol.fonte.cron=0 30 3 * * *",
            "sol.fonte.zone=Europe/Paris")
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(OperationSchedule.class);
              await()
                  .atMost(Duration.ofSeconds(5))
                  .untilAsserted(
                      () -> {
                        assertThat(jobs.pending.get()).isGreaterThanOrEqualTo(2);
                        assertThat(jobs.vouchers.get()).isGreaterThanOrEqualTo(2);
                      });
              assertThat(jobs.fonte.get()).isZero();
            });
  }

  @Test
  void the_defaults_are_valid() {
    runner.run(
        context -> assertThat(context).hasNotFailed().hasSingleBean(OperationSchedule.class));
  }

  @Test
  void nothing_is_scheduled_when_the_jobs_are_off() {
    runner
        .withPropertyValues("sol.jobs.enabled=false", "sol.jobs.pending-expiry-interval=10ms")
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(OperationSchedule.class);
              // a 10 ms schedule would have run ten times in this while
              await()
                  .during(Duration.ofMillis(100))
                  .atMost(Duration.ofSeconds(1))
                  .until(() -> jobs.pending.get() == 0);
            });
  }

  /** This instance runs every period (the claims are ScheduledRunsIT's business). */
  private static final class EveryPeriodHere extends ScheduledRuns {
    EveryPeriodHere() {
      super(null, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @Override
    public boolean runOncePer(String job, Duration every, Runnable work) {
      work.run();
      return true;
    }

    @Override
    public boolean runOncePer(String job, CronExpression cron, ZoneId zone, Runnable work) {
      work.run();
      return true;
    }
  }

  /** Counts the calls; no ledger behind it. */
  private static final class CountingJobs extends OperationJobs {
    final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger vouchers = new AtomicInteger();
    final AtomicInteger fonte = new AtomicInteger();

    CountingJobs() {
      super(null, null, 1);
    }

    @Override
    int expirePendingTransfers() {
      return pending.incrementAndGet();
    }

    @Override
    long expireVouchers() {
      return vouchers.incrementAndGet();
    }

    @Override
    int runDueFonte() {
      return fonte.incrementAndGet();
    }
  }
}
