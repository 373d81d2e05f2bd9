package coop.sol.ledger.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Claims of scheduled jobs' periods, shared by every application instance: one statement, so of any
 * number of instances claiming a period at once, exactly one gets it.
 */
public final class ScheduledRunStore {
  private final DSLContext sql;

  public ScheduledRunStore(DataSource dataSource) {
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /**
   * Claims {@code job}'s period starting at {@code periodStart} for {@code instance}.
   *
   * @return true for the one claim that gets it, false if the period was claimed already
   */
  public boolean claim(String job, Instant periodStart, String instance, Instant now) {
    return sql.execute(
            "INSERT INTO scheduled_run (job, period_start, instance, started_at)"
                + " VALUES ({0}, {1}, {2}, {3}) ON CONFLICT (job, period_start) DO NOTHING",
            DSL.val(job), DSL.val(utc(periodStart)), DSL.val(instance), DSL.val(utc(now)))
        == 1;
  }

  /** Who claimed {@code job}'s period, if anyone did. */
  public Optional<String> claimedBy(String job, Instant periodStart) {
    return sql.fetchOptional(
            "SELECT instance FROM scheduled_run WHERE job = ? AND period_start = ?",
            job,
            utc(periodStart))
        .map(r -> r.get(0, String.class));
  }

  /** Forgets {@code job}'s claims of periods that started before {@code before}. */
  public int purge(String job, Instant before) {
    return sql.execute(
        "DELETE FROM scheduled_run WHERE job = {0} AND period_start < {1}",
        DSL.val(job), DSL.val(utc(before)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
