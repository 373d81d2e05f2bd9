package coop.sol.web.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.web.Callers;
import coop.sol.web.reliability.ReliabilityApplicationTest;
import coop.sol.web.schedule.ScheduledRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** {@code sol.backup.cron}: backups are taken at its times, by nobody in particular, audited. */
@ReliabilityApplicationTest
class BackupScheduleIT {
  private final Backups backups;
  private final ScheduledRuns runs;
  private final Callers callers;

  @Autowired
  BackupScheduleIT(@LocalServerPort int port, ApplicationContext context) {
    this.backups = context.getBean(Backups.class);
    this.runs = context.getBean(ScheduledRuns.class);
    this.callers = Callers.of(port, context);
  }

  @Test
  void a_schedule_takes_backups_at_its_times() throws Exception {
    // the backups already there, whatever clock named them (other tests move the application's)
    Set<Instant> before =
        backups.list().stream().map(b -> b.startedAt()).collect(Collectors.toSet());
    var schedule = new BackupSchedule(backups, new BackupProperties("*/2 * * * * *", 2), runs);
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> backups.list().stream().anyMatch(b -> !before.contains(b.startedAt())));
    } finally {
      schedule.destroy();
    }
    assertThat(backups.list()).anyMatch(b -> !before.contains(b.startedAt()));
    // listed once its directory is renamed complete; its audit row is written just after
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(callers.as("admin").get("/api/v1/audit").send().body())
                    .contains("\"actor\":\"sol.backup.cron\""));
  }
}
