package coop.sol.web.schedule;

import coop.sol.ledger.schedule.ScheduledRunStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job once per period, whichever instance's scheduler fires first: every instance
 * schedules every job, and before running one it claims the job's current period in {@code
 * scheduled_run} (one INSERT; the others find the row and skip). The period is computed from the
 * job's schedule and the clock, not from when an instance started, so instances started at
 * different times agree on it: the interval of fixed length that holds now (counted from the
 * epoch), or the latest time the cron expression fires at.
 *
 * <p>The claim is committed before the job runs: a job that fails, or an instance that dies while
 * running it, leaves the period run; every job catches up with what is due at its next period (they
 * expire what is past, aggregate what is new, run the fonte of ended periods).
 */
@Component
public class ScheduledRuns {
  private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

  /** Claims are kept this long, for the operator to see who ran what. */
  static final Duration KEPT = Duration.ofDays(1);

  private final ScheduledRunStore store;
  private final Clock clock;
  private final MeterRegistry meters;

  /** This instance, as the claims name it: process id @ host, and a part of its own. */
  private final String instance =
      ManagementFactory.getRuntimeMXBean().getName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);

  public ScheduledRuns(DataSource dataSource, Clock clock, MeterRegistry meters) {
    this.store = new ScheduledRunStore(dataSource);
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Runs {@code work} unless another run of {@code job} (on any instance) claimed the interval of
   * length {@code every} that holds now.
   *
   * @return whether this call ran it
   */
  public boolean runOncePer(String job, Duration every, Runnable work) {
    Instant now = clock.instant();
    return run(job, intervalStart(now, every), now, work);
  }

  /**
   * Runs {@code work} unless another run of {@code job} claimed the latest time {@code cron} fires
   * at (in {@code zone}), up to now.
   *
   * @return whether this call ran it
   */
  public boolean runOncePer(String job, CronExpression cron, ZoneId zone, Runnable work) {
    Instant now = clock.instant();
    return run(job, latestFiring(cron, zone, now), now, work);
  }

  private boolean run(String job, Instant periodStart, Instant now, Runnable work) {
    if (!store.claim(job, periodStart, instance, now)) {
      counter(job, "skipped").increment();
      log.debug("{} of {} was run by another instance", job, periodStart);
      return false;
    }
    counter(job, "ran").increment();
    store.purge(job, periodStart.minus(KEPT));
    work.run();
    return true;
  }

  private Counter counter(String job, String outcome) {
    return Counter.builder("sol.scheduled.runs")
        .description("Scheduled jobs' periods this instance ran, or skipped as another ran them")
        .tag("job", job)
        .tag("outcome", outcome)
        .register(meters);
  }

  /** The start of the interval of length {@code every} (counted from the epoch) that holds now. */
  static Instant intervalStart(Instant now, Duration every) {
    long millis = every.toMillis();
    if (millis <= 0) {
      throw new IllegalArgumentException("a period is longer than a millisecond: " + every);
    }
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
  }

  /** The latest time, at or before {@code now}, at which {@code cron} fires in {@code zone}. */
  static Instant latestFiring(CronExpression cron, ZoneId zone, Instant now) {
    ZonedDateTime at = now.atZone(zone);
    // look back further and further until a firing is found, then walk forward to the last one
    Duration back = Duration.ofMinutes(1);
    ZonedDateTime found = null;
    while (found == null) {
      ZonedDateTime next = cron.next(at.minus(back));
      if (next != null && !next.isAfter(at)) {
        found = next;
      } else if (back.compareTo(Duration.ofDays(800)) > 0) {
        throw new IllegalArgumentException("the cron expression never fired: " + cron);
      } else {
        back = back.multipliedBy(2);
      }
    }
    for (ZonedDateTime next = cron.next(found); next != null && !next.isAfter(at); ) {
      found = next;
      next = cron.next(found);
    }
    return found.toInstant();
  }
}
